import {
  publicityPhases,
  recognitionStatuses,
  type CityObjection,
  type ObjectionFile,
  type ObjectionView,
  type PublicitySettings,
  type PublicityView,
  type PublicPublicity,
  type RecognitionStatus,
  type RecognitionView,
} from '#contract';
import { maskPhone } from '../domain/masking.js';
import { windowPhase } from '../domain/working-days.js';
import type {
  ObjectionFileRow,
  ObjectionRow,
  PublicityRow,
  RecognitionRow,
} from '../repositories/publicity-repository.js';

export interface HistoryEntry {
  status: RecognitionStatus;
  at: string;
  note: string;
}

const windowOf = (p: PublicityRow) => ({
  startsAt: p.starts_at,
  endsAt: p.ends_at,
  firstDay: p.first_day,
  lastDay: p.last_day,
});

/** What every reader of a 公示 sees: the notice, the window and where it stands at `now`, how to object. */
function publicityHead(p: PublicityRow, now: Date) {
  const settings = JSON.parse(p.settings) as PublicitySettings;
  const phase = windowPhase(windowOf(p), now);
  return {
    id: p.id,
    title: p.title,
    notice: p.notice,
    days: settings.days,
    unit: settings.unit,
    window: windowOf(p),
    phase,
    phaseLabel: publicityPhases[phase],
    objections: settings.objections,
  };
}

/** The public 公示: candidates by platform, unit and city only (public information; no phones, no people). */
export function presentPublicPublicity(p: PublicityRow, candidates: RecognitionRow[], now: Date): PublicPublicity {
  return {
    ...publicityHead(p, now),
    candidates: candidates.map((c) => ({
      id: c.id,
      platformName: c.platform_name,
      unitName: c.unit_name,
      cityName: c.city_name,
      status: c.status,
      statusLabel: recognitionStatuses[c.status],
    })),
  };
}

export function presentRecognition(c: RecognitionRow): RecognitionView {
  return {
    id: c.id,
    applicationId: c.application_id,
    platformName: c.platform_name,
    unitName: c.unit_name,
    cityName: c.city_name,
    status: c.status,
    statusLabel: recognitionStatuses[c.status],
    validFrom: c.valid_from,
    validTo: c.valid_to,
    certificateNumber: c.certificate_number,
    history: JSON.parse(c.history) as HistoryEntry[],
  };
}

/** Masks a phone as lists do, an email address to its first character and domain. */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  return at > 0 ? `${contact[0]}***${contact.slice(at)}` : maskPhone(contact);
}

export function presentObjectionFile(f: ObjectionFileRow): ObjectionFile {
  return { id: f.id, name: f.original_name, mediaType: f.media_type, sizeBytes: f.size_bytes, sha256: f.sha256 };
}

/** One note of an objection's investigation, as stored. */
export interface ObjectionNote {
  at: string;
  by: string;
  byName: string;
  text: string;
}

/** What an objection's view names besides its row: the platform, its files, the officials by id. */
export interface ObjectionContext {
  platformName: string;
  files: readonly ObjectionFileRow[];
  officials: ReadonlyMap<string, string>;
}

/** An objection in the province's list: the objector's contact masked. */
export function presentObjection(o: ObjectionRow, c: ObjectionContext): ObjectionView {
  return {
    id: o.id,
    receiptNumber: o.receipt_number,
    origin: o.origin,
    candidateId: o.recognition_id,
    platformName: c.platformName,
    name: o.name,
    contactMasked: maskContact(o.contact),
    grounds: o.grounds,
    files: c.files.filter((f) => f.objection_id === o.id).map(presentObjectionFile),
    assignedTo: o.assigned_to ? { userId: o.assigned_to, name: c.officials.get(o.assigned_to) ?? '' } : null,
    notes: (JSON.parse(o.notes) as ObjectionNote[]).map((n) => ({ at: n.at, byName: n.byName, text: n.text })),
    cityRequest:
      o.city_request && o.city_requested_at
        ? {
            question: o.city_request,
            requestedAt: o.city_requested_at,
            response: o.city_response,
            respondedAt: o.city_responded_at,
          }
        : null,
    status: o.status,
    outcome: o.outcome,
    outcomeText: o.outcome_text,
    receivedAt: o.received_at,
    closedAt: o.closed_at,
  };
}

/** An objection as the city asked about it sees it: the grounds and the question, never the objector. */
export function presentCityObjection(o: ObjectionRow & { platform_name: string }): CityObjection {
  return {
    id: o.id,
    receiptNumber: o.receipt_number,
    platformName: o.platform_name,
    grounds: o.grounds,
    question: o.city_request ?? '',
    requestedAt: o.city_requested_at ?? '',
    response: o.city_response,
    respondedAt: o.city_responded_at,
    status: o.status,
  };
}

/** The province's 公示: every candidate's record and every objection. */
export function presentPublicity(
  p: PublicityRow,
  candidates: RecognitionRow[],
  objections: ObjectionRow[],
  files: ObjectionFileRow[],
  officials: ReadonlyMap<string, string>,
  now: Date,
): PublicityView {
  const names = new Map(candidates.map((c) => [c.id, c.platform_name]));
  return {
    ...publicityHead(p, now),
    batchId: p.batch_id,
    candidates: candidates.map(presentRecognition),
    objectionList: objections.map((o) =>
      presentObjection(o, { platformName: names.get(o.recognition_id) ?? '', files, officials }),
    ),
  };
}
