// Reads a password from the terminal without echoing it. Scripts set LANDCHAIN_PASSWORD instead.

import { UsageError } from './errors.mjs';

/**
 * Prompts on stderr and reads one line from the terminal with echo off. Refuses (rather than
 * hanging) when standard input is not a terminal. Ctrl-C aborts.
 */
export function readPassword(prompt = 'Password: ', { input = process.stdin, output = process.stderr } = {}) {
  if (!input.isTTY || typeof input.setRawMode !== 'function') {
    return Promise.reject(
      new UsageError('a keystore password is needed but standard input is not a terminal: set LANDCHAIN_PASSWORD'),
    );
  }
  return new Promise((resolve, reject) => {
    let password = '';
    const wasRaw = input.isRaw;
    // Echo off before the prompt appears, so that nothing typed after it can be echoed.
    input.setRawMode(true);
    output.write(prompt);
    input.resume();
    input.setEncoding('utf8');
    const done = (error) => {
      input.removeListener('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(password);
    };
    const onData = (chunk) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') password = password.slice(0, -1);
        else if (char >= ' ') password += char;
      }
    };
    input.on('data', onData);
  });
}
