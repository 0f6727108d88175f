/** The three reports that can be sent by message, by draft kind. */
import type { DraftKind } from '../../../cards/visit-draft.js';
import { RECEPTION_REPORT_KIND } from '../reception/report-kind.js';
import { FOLLOW_UP_KIND, VISIT_RECORD_KIND, type DraftKindSpec } from './draft-kinds.js';

export const DRAFT_KINDS: Record<DraftKind, DraftKindSpec> = {
  visit_record: VISIT_RECORD_KIND,
  follow_up: FOLLOW_UP_KIND,
  reception_report: RECEPTION_REPORT_KIND,
};
