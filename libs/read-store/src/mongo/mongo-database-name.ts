import { ConnectionString } from 'mongodb-connection-string-url';

/** The database when `MONGO_URL` names none (the driver alone would pick `test`). */
export const defaultMongoDatabase = 'orikaeshi';

/**
 * The one database of a deployment: the one named in `MONGO_URL`, else `orikaeshi`. Read store and GridFS
 * both take it from here. Parsed by the driver's own connection-string parser, which (unlike `new URL`)
 * accepts multi-host strings such as `mongodb://a:27017,b:27017/calls?replicaSet=rs0`.
 */
export function mongoDatabaseName(url: string | undefined | null): string {
  if (!url) return defaultMongoDatabase;
  const path = new ConnectionString(url).pathname.replace(/^\//, '');
  return path ? decodeURIComponent(path) : defaultMongoDatabase;
}
