// Entry of the start-up data folder check's worker thread (bundled to dist/worker/data-check-worker.cjs): runs
// `partnerdeck doctor`'s checks (doctor.ts examineDataFolder: permissions, data version, SQLite's quick_check on
// a read-only connection, free space) off the main thread, so the desktop app's window is not held up by a
// quick_check over a database of several GiB, posts the report once and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { examineDataFolder, type DoctorOptions } from './doctor';

const port = parentPort;
if (!port) throw new Error('data-check-worker must run as a worker thread');
const { dataDir, options } = workerData as { dataDir: string; options: DoctorOptions };
port.postMessage(examineDataFolder(dataDir, options));
