// The data folder's schema version, read without opening the database: SQLite's `user_version` (database
// header bytes 60–63), taken from the newest committed copy of page 1 in the write-ahead log when there is one,
// else from the main file. Opening a WAL database, even read-only, creates its -wal and -shm files; a folder
// written by a newer PartnerDeck must be refused without touching anything, so this reads the two files as
// bytes (formats: sqlite.org/fileformat2.html, "The Database Header" and "The WAL File Format").
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

const SQLITE_MAGIC = 'SQLite format 3\0';
const USER_VERSION_OFFSET = 60;
const WAL_HEADER_SIZE = 32;
const WAL_FRAME_HEADER_SIZE = 24;

function readAt(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return read === length ? buffer : buffer.subarray(0, read);
}

/** The WAL checksum (sqlite.org/fileformat2.html#checksum_algorithm), continued from `s`, over 8-byte steps. */
function walChecksum(data: Buffer, bigEndian: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * Page 1 as of the last committed transaction in the WAL at `walPath`, or null when the log holds no committed
 * copy of it (missing, empty, reset, or torn files are read the way SQLite's recovery reads them: frames count
 * while their salts and running checksums match, up to the last commit frame).
 */
export function committedPageOneFromWal(walPath: string): Buffer | null {
  if (!existsSync(walPath)) return null;
  const fd = openSync(walPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = readAt(fd, WAL_HEADER_SIZE, 0);
    if (header.length < WAL_HEADER_SIZE) return null;
    const magic = header.readUInt32BE(0);
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return null;
    const bigEndian = (magic & 1) === 1;
    const pageSize = header.readUInt32BE(8);
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
    let sum = walChecksum(header.subarray(0, 24), bigEndian, [0, 0]);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return null;
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);

    let pendingPageOne: Buffer | null = null;
    let committedPageOne: Buffer | null = null;
    const frameSize = WAL_FRAME_HEADER_SIZE + pageSize;
    for (let at = WAL_HEADER_SIZE; at + frameSize <= size; at += frameSize) {
      const frame = readAt(fd, frameSize, at);
      if (frame.length < frameSize) break;
      if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
      sum = walChecksum(frame.subarray(0, 8), bigEndian, sum);
      sum = walChecksum(frame.subarray(WAL_FRAME_HEADER_SIZE), bigEndian, sum);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      const pageNumber = frame.readUInt32BE(0);
      if (pageNumber === 1) pendingPageOne = Buffer.from(frame.subarray(WAL_FRAME_HEADER_SIZE));
      // A commit frame carries the database size in pages; what came before it is committed.
      if (frame.readUInt32BE(4) !== 0 && pendingPageOne) {
        committedPageOne = pendingPageOne;
        pendingPageOne = null;
      }
    }
    return committedPageOne;
  } finally {
    closeSync(fd);
  }
}

/**
 * The `user_version` of the database at `path` as the next connection would see it, read without opening it
 * with SQLite and without writing anything. Null when there is no database file (a new folder).
 */
export function readUserVersion(path: string): number | null {
  if (!existsSync(path)) return null;
  const fromWal = committedPageOneFromWal(`${path}-wal`);
  if (fromWal && fromWal.length >= 100 && fromWal.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) {
    return fromWal.readUInt32BE(USER_VERSION_OFFSET);
  }
  const fd = openSync(path, 'r');
  try {
    const header = readAt(fd, 100, 0);
    // An empty file (created but never written) is a new database.
    if (header.length === 0) return null;
    if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
      // SQLite's own code for it: every surface answers it in words naming `partnerdeck doctor` (core/errors.ts).
      throw Object.assign(new Error(`${path} is not a SQLite database`), { code: 'SQLITE_NOTADB' });
    }
    return header.readUInt32BE(USER_VERSION_OFFSET);
  } finally {
    closeSync(fd);
  }
}
