// Print log lines with the real Node libraries (pino, bunyan, winston), one
// file per library. Run by ./run with NODE_PATH pointing at target/corpus-node.
const fs = require('fs');
const out = process.argv[2];

function err() {
  try {
    null.f();
  } catch (e) {
    return e;
  }
}

// pino: numeric levels, epoch-ms time, err serialiser.
{
  const lines = [];
  const pino = require('pino');
  const log = pino({ level: 'trace' }, { write: (s) => lines.push(s) });
  log.trace('trace line');
  log.debug('debug line');
  log.info({ reqId: 'a1' }, 'request done');
  log.warn('disk almost full');
  log.error('upstream failed');
  log.fatal('out of memory');
  log.error(err(), 'crashed');
  log.child({ module: 'db' }).info('connected');
  fs.writeFileSync(`${out}/pino.jsonl`, lines.join(''));
}

// bunyan: the same numbers, ISO time, name/hostname/pid/v.
{
  const lines = [];
  const bunyan = require('bunyan');
  const log = bunyan.createLogger({
    name: 'shop',
    serializers: bunyan.stdSerializers,
    level: 'trace',
    streams: [{ level: 'trace', stream: { write: (s) => lines.push(s) } }],
  });
  log.trace('trace line');
  log.debug('debug line');
  log.info({ sku: 'X1' }, 'item added');
  log.warn('low stock');
  log.error('payment declined');
  log.fatal('cannot start');
  log.error({ err: err() }, 'crashed');
  fs.writeFileSync(`${out}/bunyan.jsonl`, lines.join(''));
}

// winston: json() with timestamp() and errors({stack: true}).
{
  const winston = require('winston');
  const { Writable } = require('stream');
  const lines = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const log = winston.createLogger({
    level: 'silly',
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      winston.format.timestamp(),
      winston.format.json()
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
  for (const l of ['silly', 'debug', 'verbose', 'http', 'info', 'warn', 'error']) {
    log.log(l, `${l} message`, { service: 'api' });
  }
  log.error(err());
  setImmediate(() => fs.writeFileSync(`${out}/winston.jsonl`, lines.join('')));
}
