import { AppError } from '../lib/errors.ts';

/** Deepest nesting of objects and arrays a request body may have. */
export const MAX_JSON_DEPTH = 64;

const decoder = new TextDecoder('utf-8', { fatal: true });

const refuse = (message: string) => new AppError('invalid_input', message);

/**
 * Checks the shape of a JSON text before it is parsed, in one pass without recursion: no
 * object or array nested deeper than MAX_JSON_DEPTH, no key twice in one object (parsers
 * disagree on which one wins), and no `__proto__` or `constructor.prototype` key (prototype
 * poisoning). Syntax errors are left to JSON.parse.
 */
function checkShape(text: string): void {
  // One entry per open container: the keys seen for an object, null for an array.
  const keys: Array<Set<string> | null> = [];
  // The key each open container sits under ('' at the top or inside an array).
  const under: string[] = [];
  let expectKey = false;
  let lastKey = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 0x22) break;
        j += 1;
      }
      const top = keys.at(-1);
      if (top && expectKey) {
        let key = text.slice(i + 1, j);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            return; // malformed: JSON.parse says so
          }
        }
        if (top.has(key)) throw refuse(`The body holds the key "${key.slice(0, 100)}" twice`);
        if (key === '__proto__' || (key === 'prototype' && under.at(-1) === 'constructor'))
          throw refuse(`The body may not hold the key "${key}"`);
        top.add(key);
        lastKey = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (keys.length >= MAX_JSON_DEPTH)
        throw refuse(`The body is nested more than ${MAX_JSON_DEPTH} levels deep`);
      const parent = keys.at(-1);
      under.push(parent ? lastKey : '');
      keys.push(c === 0x7b ? new Set() : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      keys.pop();
      under.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = Boolean(keys.at(-1));
    }
  }
}

/**
 * The request body parser for JSON: the bytes must be valid UTF-8 (not silently replaced)
 * and the text a JSON document of sane shape (see checkShape). Throws invalid_input.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw refuse('The JSON body is empty');
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw refuse('The body is not valid UTF-8');
  }
  checkShape(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refuse('The body is not valid JSON');
  }
}
