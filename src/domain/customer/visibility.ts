/**
 * Who sees what of an archive (§2.2). Personal data of the customer's people — birth dates,
 * hobbies, family — is for the owner's line only: the owner, the owner's manager, the director
 * and the assistant (who archives customer files). Everyone else on the roster sees the company
 * fields. The same set may edit, because editing a section shows its current values.
 *
 * Decisions: an admin is treated by their role only (being admin manages the roster, not
 * customers); inactive members see nothing personal and edit nothing; when the owner has left
 * the roster, their former manager is unknown and only the director and assistant remain. A
 * customer with no owner yet (created by a manager, the director or the assistant) is the
 * managers' to look after until they give it one.
 */
import { reviewerOf, type Member, type Roster } from '../roster.js';
import { PERSONAL_FIELDS, type Archive, type Person } from './archive.js';

export type Access = 'owner' | 'owners_manager' | 'director' | 'assistant' | 'none';

/** Why the viewer belongs to the owner's line, or 'none'. */
export function accessOf(viewer: Member, ownerId: string | null, roster: Roster): Access {
  if (!viewer.active) return 'none';
  if (ownerId !== null && viewer.openId === ownerId) return 'owner';
  if (viewer.role === 'director') return 'director';
  if (viewer.role === 'assistant') return 'assistant';
  if (ownerId === null && viewer.role === 'manager') return 'owners_manager';
  const owner = ownerId === null ? undefined : roster.get(ownerId);
  if (owner && reviewerOf(roster, owner)?.openId === viewer.openId) return 'owners_manager';
  return 'none';
}

const canSeePersonal = (viewer: Member, ownerId: string | null, roster: Roster): boolean =>
  accessOf(viewer, ownerId, roster) !== 'none';

export const canEditArchive = (viewer: Member, ownerId: string | null, roster: Roster): boolean =>
  accessOf(viewer, ownerId, roster) !== 'none';

function stripPerson<P extends Person>(p: P): P {
  const copy = { ...p };
  for (const k of PERSONAL_FIELDS) delete copy[k];
  return copy;
}

/** An archive with the personal fields removed (not blanked: absent is what the card checks). */
export function withoutPersonal(archive: Archive): Archive {
  const out: Archive = { ...archive, contacts: archive.contacts.map(stripPerson) };
  if (archive.legalRep) out.legalRep = stripPerson(archive.legalRep);
  if (archive.personInCharge) out.personInCharge = stripPerson(archive.personInCharge);
  return out;
}

export interface VisibleArchive {
  archive: Archive;
  /** True when the personal fields were kept; cards show them only then. */
  personal: boolean;
  canEdit: boolean;
}

/** The archive as this viewer may see it. Apply it before any card or export is built. */
export function visibleArchive(archive: Archive, viewer: Member, ownerId: string | null, roster: Roster): VisibleArchive {
  const personal = canSeePersonal(viewer, ownerId, roster);
  return { archive: personal ? archive : withoutPersonal(archive), personal, canEdit: canEditArchive(viewer, ownerId, roster) };
}
