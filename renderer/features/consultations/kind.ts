// The consultation register's record kind: kept through the data layer's generic records table
// (no schema migration), parsed with shared/consultation's schema on every write and read.
import { consultationSchema } from '../../../shared/consultation/model';
import { defineRecordKind } from '../../data';

export const CONSULTATIONS = defineRecordKind('consultations', consultationSchema);
