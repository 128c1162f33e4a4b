// An implementation of the spec §5 hash recipe written apart from the product's (iterative, over the JSON
// text's parsed order, with its own hashing), so tests check the product against the recipe rather than
// against itself.
import { createHash } from 'node:crypto';

export function independentConcatenation(bodyText: string): string {
  const root = JSON.parse(bodyText) as Record<string, unknown>;
  const parts: string[] = [];
  // An explicit stack of [object, next key index, is top level].
  const stack: [Record<string, unknown>, number, boolean][] = [[root, 0, true]];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const keys = Object.keys(frame[0]);
    if (frame[1] >= keys.length) {
      stack.pop();
      continue;
    }
    const key = keys[frame[1]];
    frame[1] += 1;
    const value = frame[0][key];
    if (frame[2] && key === 'hash') continue;
    if (typeof value === 'object' && value !== null) stack.push([value as Record<string, unknown>, 0, false]);
    else parts.push(`${key}${value}`);
  }
  return parts.join('');
}

export function independentHash(secret: string, bodyText: string): string {
  return createHash('sha256').update(Buffer.concat([Buffer.from(secret, 'utf8'), Buffer.from(independentConcatenation(bodyText), 'utf8')])).digest('hex');
}
