import { describe, expect, it } from '@jest/globals';
import { mongoDatabaseName } from './mongo-database-name.js';

describe('the MongoDB database of a deployment', () => {
  it('is the one named in the connection string, multi-host or not', () => {
    expect(mongoDatabaseName('mongodb://a:27017,b:27017/calls?replicaSet=rs0')).toBe('calls');
    expect(mongoDatabaseName('mongodb+srv://db.example.com/callbacks-prod')).toBe('callbacks-prod');
  });

  it('is orikaeshi when the string names none (never the driver default, test)', () => {
    expect(mongoDatabaseName('mongodb://a:27017,b:27017/?replicaSet=rs0')).toBe('orikaeshi');
    expect(mongoDatabaseName('mongodb://localhost:27017')).toBe('orikaeshi');
  });
});
