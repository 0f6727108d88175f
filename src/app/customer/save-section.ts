/**
 * Saving one archive section from its card form. The editor's right is re-checked from the
 * roster on every save; the whole section is validated before anything is written, and the
 * write is conditional on the version the form was opened at (or, for a form without one, the
 * version read here), so of two people saving at once one wins and the other is told.
 */
import { and, eq } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { applySectionForm } from '../../domain/customer/archive-form.js';
import { coreName } from '../../domain/customer/name.js';
import type { Section } from '../../domain/customer/sections.js';
import { visibleArchive } from '../../domain/customer/visibility.js';
import type { Member, Roster } from '../../domain/roster.js';
import { ymd } from '../../domain/time.js';
import type { Deps } from '../deps.js';
import { archiveOf, auditCustomer, forbiddenEdit, loadCustomer, loadRosterMap, versionConflict, type CustomerRow } from './store.js';

export interface SaveSectionInput {
  customerId: string;
  section: Section;
  values: Record<string, unknown>;
  contactIndex?: number | null;
  /** The version the form showed; a newer stored version means someone saved in between. */
  version?: number;
  actor: Member;
}

export async function saveSection(tx: Tx, input: SaveSectionInput, ctx: { deps: Deps; now: Date; roster?: Roster }): Promise<CustomerRow> {
  const row = await loadCustomer(tx, input.customerId);
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(input.actor.openId) ?? input.actor;
  const seen = visibleArchive(archiveOf(row), actor, row.ownerId, roster);
  if (!seen.canEdit) throw forbiddenEdit();
  if (input.version !== undefined && input.version !== row.version) throw versionConflict();
  const next = applySectionForm(archiveOf(row), {
    section: input.section,
    values: input.values,
    currentYear: Number(ymd(ctx.now, ctx.deps.config.timeZone).slice(0, 4)),
    includePersonal: seen.personal,
    contactIndex: input.contactIndex ?? null,
  });
  const name = next.name ?? row.name;
  const [saved] = await tx
    .update(customers)
    .set({ archive: { ...next, name }, name, coreName: coreName(name), version: row.version + 1, updatedAt: ctx.now })
    .where(and(eq(customers.id, row.id), eq(customers.version, row.version)))
    .returning();
  if (!saved) throw versionConflict();
  await auditCustomer(tx, ctx.now, actor.openId, 'customer.save_section', row.id, { section: input.section, version: saved.version });
  return saved;
}
