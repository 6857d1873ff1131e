import pino from 'pino';

// console.log('debug') and pino's default destination both go to stdout.
export const logger = pino({ level: process.env.LOG_LEVEL || 'info', timestamp: pino.stdTimeFunctions.isoTime });
console.log(JSON.stringify({ msg: 'started' }));
export const fd = pino.destination(1);
