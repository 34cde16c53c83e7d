// The consultations' cells of the dashboard, from the consultation register's packed catalog,
// which the data layer keeps up to date in the transaction of every write of a consultation
// (renderer/data/record-catalog.ts). A chunk of it is counted once: its cells are kept while the
// chunk is the same array (the data layer hands back an unchanged chunk as the same array), so a
// write rereads and recounts only the chunks it changed, never every consultation.
import type { DataStore } from '../../data';
import { consultationCells, type ConsultationCell } from '../../../shared/statistics/dashboard';
import { CONSULTATIONS, type ConsultationEntry } from '../consultations';

const counted = new WeakMap<readonly ConsultationEntry[], ConsultationCell[]>();

function cellsOfChunk(chunk: readonly ConsultationEntry[]): ConsultationCell[] {
  let cells = counted.get(chunk);
  if (!cells) {
    cells = consultationCells(chunk);
    counted.set(chunk, cells);
  }
  return cells;
}

/** Every consultation's cell, chunk by chunk (a month, topic, outcome and lawyer may recur across chunks). */
export async function consultationCellsOf(data: DataStore): Promise<ConsultationCell[]> {
  const catalog = await data.recordCatalog(CONSULTATIONS);
  return [...catalog.chunks.values()].flatMap(cellsOfChunk);
}
