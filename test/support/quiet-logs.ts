import { Logger } from '@nestjs/common';

// Components logging through Nest's static Logger (projector, sweeper) report only errors during tests.
Logger.overrideLogger(['error', 'fatal']);
