// Runs on the ledger worker thread: examines chunks of entries beside the main thread (./examine.ts),
// hashing with Node's SHA-256 as the CLI does.
import { parentPort } from 'node:worker_threads';
import { useNodeSha256 } from '../../../node/native-sha256';
import { examineInWorker, type WorkerData } from './examine';

useNodeSha256();
parentPort?.once('message', (data: WorkerData) => parentPort?.postMessage(examineInWorker(data)));
