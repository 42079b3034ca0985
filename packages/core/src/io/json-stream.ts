import { JSONParser } from '@streamparser/json';
import type { Collection } from '../changes/change.js';
import { MusubiError } from '../errors.js';
import { decodeSnapshot, LogAssembler } from '../log/log-codec.js';
import { createNetwork, type Network, type NetworkOptions } from '../network/network.js';
import { refuseForbiddenKeys } from './hostile-input.js';
import { checkedDocument, importSnapshotInto, JSON_FORMAT, JSON_FORMAT_VERSION } from './json.js';

/**
 * Musubi JSON written and read piece by piece: a network whose JSON is longer than the longest
 * string a JavaScript engine holds (about 512 MB in V8) is exported as chunks of text and imported
 * from chunks as a file stream gives them. The text is the one `networkToJson` returns.
 */

/** About how long each exported chunk is (a chunk ends after the record that reaches it). */
export const JSON_CHUNK_CHARS = 64 * 1024;

/** `JSON.stringify(value, null, 1)` as written at `depth` inside a document (its lines indented so far). */
function stringifyAt(value: unknown, depth: number): string {
  const text = JSON.stringify(value === undefined ? null : value, null, 1);
  return text.includes('\n') ? text.replaceAll('\n', `\n${' '.repeat(depth)}`) : text;
}

/** The entries of an object that JSON.stringify writes. */
function entriesOf(value: object): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

/**
 * The text of `JSON.stringify(document, null, 1)`, in pieces: the lists near the top (the
 * changes, each collection of records) item by item, everything else whole. `list` is told each
 * list, to write its items: the only place where a chunk may end.
 */
function* documentPieces(document: Record<string, unknown>, write: (piece: string) => void): Generator<void> {
  const entries = entriesOf(document);
  write('{');
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i] as [string, unknown];
    write(`${i === 0 ? '\n ' : ',\n '}${JSON.stringify(key)}: `);
    if (key === 'changes' && Array.isArray(value)) yield* listPieces(value, 1, write);
    else if (key === 'records' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const lists = entriesOf(value);
      if (lists.length === 0) write('{}');
      else {
        write('{');
        for (let c = 0; c < lists.length; c++) {
          const [collection, records] = lists[c] as [string, unknown];
          write(`${c === 0 ? '\n  ' : ',\n  '}${JSON.stringify(collection)}: `);
          if (Array.isArray(records)) yield* listPieces(records, 2, write);
          else write(stringifyAt(records, 2));
        }
        write('\n }');
      }
    } else write(stringifyAt(value, 1));
  }
  write('\n}');
}

/** A list at `depth`, item by item (a chunk may end after any of them). */
function* listPieces(
  list: readonly unknown[],
  depth: number,
  write: (piece: string) => void,
): Generator<void> {
  if (list.length === 0) {
    write('[]');
    return;
  }
  const inner = `\n${' '.repeat(depth + 1)}`;
  write('[');
  for (let i = 0; i < list.length; i++) {
    write(i === 0 ? inner : `,${inner}`);
    write(stringifyAt(list[i], depth + 1));
    yield;
  }
  write(`\n${' '.repeat(depth)}]`);
}

/**
 * The network as Musubi JSON, in chunks of about `chunkSize` characters (the same text as
 * {@link networkToJson}, which needs one string of it all). No chunk holds more than `chunkSize`
 * characters and one record or change.
 *
 * @example
 * await pipeline(Readable.from(networkJsonChunks(network)), createWriteStream('mie.json'));
 */
export function* networkJsonChunks(
  network: Network,
  options: { kind?: 'log' | 'state'; now?: Date; chunkSize?: number } = {},
): Generator<string> {
  const exportedAt = (options.now ?? new Date()).toISOString();
  const head = { format: JSON_FORMAT, formatVersion: JSON_FORMAT_VERSION, exportedAt };
  const document =
    (options.kind ?? 'log') === 'log'
      ? { ...head, kind: 'log', changes: network.log() }
      : { ...head, kind: 'state', ...network.snapshot() };
  const chunkSize = options.chunkSize ?? JSON_CHUNK_CHARS;
  let pending: string[] = [];
  let size = 0;
  const write = (piece: string) => {
    pending.push(piece);
    size += piece.length;
  };
  for (const _ of documentPieces(document, write)) {
    if (size >= chunkSize) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  pending.push('\n');
  yield pending.join('');
}

/**
 * A value the parser made, nearer to what `JSON.parse` makes: the parser's lists keep the room they
 * grew into (a list of one event holds 17 places) and each string is its own copy, where `JSON.parse`
 * makes lists to their length and shares the short strings (a date, a kind). Kept in a network, they
 * weighed a third more (scale M: 255 MB of heap instead of 193 MB; the same time). Lists are copied
 * to their length, short strings shared through `shared`; objects are changed in place (theirs only:
 * the parser has just made them).
 */
function compact(value: unknown, shared: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (value.length > 10) return value;
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = compact(value[i], shared);
    return value.slice();
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const field = object[key];
    if (typeof field === 'object' ? field !== null : typeof field === 'string' && field.length <= 10)
      object[key] = compact(field, shared);
  }
  return object;
}

/** Text or bytes, as a file stream or a `fetch` body gives them. */
export type JsonChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** What the parser has read of a Musubi JSON document: values at the top, changes and records one by one. */
class StreamedDocument {
  readonly top: Record<string, unknown> = {};
  readonly records: Partial<Record<Collection, unknown[]>> = {};
  /** Changes before the header said what the document is (none in Musubi's own files). */
  readonly early: unknown[] = [];
  #assembler: LogAssembler | undefined;
  #changes = 0;
  readonly #shared = new Map<string, string>();

  /** A value the parser found at `path` (`['changes', 3]`, `['records', 'entity', 0]`, `['kind']`). */
  take(parsed: unknown, path: readonly (string | number)[]): void {
    refuseForbiddenKeys(parsed, [...path]);
    const [first, second] = path;
    const value = path.length > 1 ? compact(parsed, this.#shared) : parsed;
    if (first === 'changes' && path.length === 2) {
      this.#assembler ??= this.#logAssembler();
      if (this.#assembler) this.#assembler.add(value, ['changes', this.#changes]);
      else this.early.push(value);
      this.#changes++;
    } else if (first === 'records' && path.length === 3) {
      const collection = second as Collection;
      refuseForbiddenKeys({ [collection]: null }, ['records']);
      let list = this.records[collection];
      if (list === undefined) {
        list = [];
        this.records[collection] = list;
      }
      list.push(value);
    } else if (path.length === 1) {
      refuseForbiddenKeys({ [first as string]: null }, []);
      // the lists at the top arrive emptied of what was taken above
      if (first === 'changes' || first === 'records') return;
      this.top[first as string] = value;
    }
  }

  /** A log assembler once the header says this is a current log, else undefined (changes wait). */
  #logAssembler(): LogAssembler | undefined {
    const { format, formatVersion, kind } = this.top;
    if (format !== JSON_FORMAT || formatVersion !== JSON_FORMAT_VERSION || kind !== 'log') return undefined;
    return new LogAssembler(0, 1, { parsed: true });
  }

  /** The network the whole document describes. */
  network(options: Omit<NetworkOptions, 'log' | 'snapshot'>): Network {
    const whole: Record<string, unknown> = { ...this.top };
    if (this.#assembler === undefined) {
      whole.changes = this.early;
      whole.records = this.records;
      // (older layouts and documents whose header came late: as `networkFromJson` reads them)
      const document = checkedDocument(whole);
      if (document.kind === 'state')
        return createNetwork({
          ...options,
          snapshot: decodeSnapshot(document, ['records'], { parsed: true }),
        });
      const assembler = new LogAssembler(0, 1, { parsed: true });
      document.changes.forEach((raw, i) => {
        assembler.add(raw, ['changes', i]);
      });
      return createNetwork({ ...options, log: assembler.result().changes });
    }
    checkedDocument({ ...whole, changes: [] });
    return createNetwork({ ...options, log: this.#assembler.result().changes });
  }
}

/** Text from chunks of text or UTF-8 bytes, refusing what is not UTF-8 as `decodeImport` does. */
async function* texts(chunks: JsonChunks, maxBytes: number | undefined): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let first = true;
  for await (const chunk of chunks) {
    size += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    if (maxBytes !== undefined && size > maxBytes) {
      throw new MusubiError(
        'FORMAT',
        `the JSON file is too large (over ${maxBytes} bytes) / ファイルが大きすぎます（上限 ${maxBytes} バイト）`,
        { details: { max: maxBytes } },
      );
    }
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw new MusubiError('FORMAT', 'the JSON file is not UTF-8 / ファイルが UTF-8 ではありません', {
        cause: error,
        details: { encoding: 'not-utf-8' },
      });
    }
    if (text.includes('\uFFFD')) {
      throw new MusubiError(
        'FORMAT',
        'the JSON file contains replacement characters (U+FFFD) / 文字化け（U+FFFD）があります',
        { details: { encoding: 'replacement-characters' } },
      );
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
}

/**
 * Opens a network (in memory) from Musubi JSON read chunk by chunk (a file stream, a `fetch` body):
 * never one string of the whole text, and the changes of a log validated as they come. Refuses
 * what `networkFromJson` refuses; `maxBytes` bounds the input (none by default).
 *
 * @example
 * const network = await networkFromJsonChunks(createReadStream('mie.json'));
 */
export async function networkFromJsonChunks(
  chunks: JsonChunks,
  options: Omit<NetworkOptions, 'log' | 'snapshot'> & { maxBytes?: number } = {},
): Promise<Network> {
  const { maxBytes, ...networkOptions } = options;
  const document = new StreamedDocument();
  const parser = new JSONParser({ paths: ['$.*', '$.changes.*', '$.records.*.*'], keepStack: false });
  let failure: unknown;
  parser.onValue = ({ value, key, stack }) => {
    if (failure !== undefined) return;
    try {
      const path = [...stack.slice(1).map((s) => s.key as string | number), key as string | number];
      document.take(value, path);
    } catch (error) {
      failure = error;
    }
  };
  const notJson = (error: unknown) =>
    new MusubiError(
      'FORMAT',
      `the JSON file is not valid JSON / JSON として読めません: ${(error as Error).message}`,
      { cause: error, details: { reason: 'not-json' } },
    );
  try {
    for await (const text of texts(chunks, maxBytes)) {
      // the parser ends with the document; only white space may follow it
      if (parser.isEnded) {
        if (text.trim() !== '') throw new Error('text after the end of the document');
        continue;
      }
      parser.write(text);
      if (failure !== undefined) throw failure;
    }
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (error instanceof MusubiError) throw error;
    throw notJson(error);
  }
  if (failure !== undefined) throw failure;
  if (!parser.isEnded) throw notJson(new Error('unexpected end of the text'));
  return document.network(networkOptions);
}

/**
 * {@link importJsonInto} from chunks: adds the current records of a Musubi JSON file read chunk
 * by chunk to an existing network, in one transaction (all or nothing).
 */
export async function importJsonChunksInto(
  network: Network,
  chunks: JsonChunks,
): Promise<Record<string, number>> {
  const source = await networkFromJsonChunks(chunks);
  return importSnapshotInto(network, source.snapshot().records);
}
