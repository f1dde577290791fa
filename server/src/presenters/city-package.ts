import type { Selectable } from 'kysely';
import type { ApplicationDraft, CityPackageView, DuplicateGroup, PackageState, ProvinceBoard } from '#contract';
import type { AuthorityTable, CityPackageTable, DeadlineExceptionTable, PackageVersionTable } from '../db/schema.js';
import { isWithinDeadline } from '../domain/deadline.js';
import { quotaLimit } from '../domain/quota.js';
import type { RecommendationRepository } from '../repositories/recommendation-repository.js';
import type { Batch } from '../repositories/reference-repository.js';

/** A city's package as read: the city, its package row (none before the first submission), recommendations, exception. */
export interface CityPackageRecords {
  batch: Batch;
  authority: Selectable<AuthorityTable>;
  pkg: Selectable<CityPackageTable> | undefined;
  /** The submitted version while the package is submitted: its 发文字号, 成文日期 and fingerprint. */
  version?: Selectable<PackageVersionTable>;
  recommendations: Awaited<ReturnType<RecommendationRepository['listForAuthority']>>;
  exception: Selectable<DeadlineExceptionTable> | undefined;
  /** The server's time, against which the deadline is judged. */
  now: Date;
}

/** The city's package: its recommended platforms, quota use, deadline, state and what blocks submission. */
export function presentCityPackage(records: CityPackageRecords): CityPackageView {
  const { batch, authority, pkg, version, recommendations: recs, exception, now } = records;
  const limit = quotaLimit(batch.config, authority.code);
  const used = recs.filter((r) => r.channel === 'quota').length;
  const within = isWithinDeadline(now, batch.config.cityDeadline, exception ? { endsAt: exception.ends_at } : null);
  const problems: string[] = [];
  if (recs.length === 0) problems.push('尚未推荐任何平台');
  if (used > limit) problems.push(`市推荐名额超出：${used} / ${limit}`);
  if (!within) problems.push('已超过报送截止时间，逾期不予受理');
  const state: PackageState =
    pkg?.status === 'submitted'
      ? 'submitted'
      : pkg?.status === 'returned'
        ? 'returned'
        : !within
          ? 'late_missing'
          : pkg || recs.length
            ? 'in_progress'
            : 'not_started';
  return {
    batchId: batch.id,
    authorityCode: authority.code,
    authorityName: authority.name,
    state,
    version: pkg?.version ?? 0,
    deadline: batch.config.cityDeadline,
    exception: exception ? { reason: exception.reason, endsAt: exception.ends_at } : null,
    canSubmit: state !== 'submitted' && problems.length === 0,
    problems,
    quota: { limit, used },
    recommended: recs.map((r) => ({
      applicationId: r.application_id,
      platformName: (JSON.parse(r.form) as ApplicationDraft).platformName ?? '',
      unitName: r.unit_name,
      channel: r.channel,
      designatedAreaName: batch.config.designatedAreas.find((a) => a.id === r.designated_area_id)?.name ?? null,
    })),
    submittedAt: pkg?.submitted_at ?? null,
    returnRemarks: pkg?.status === 'returned' ? pkg.return_remarks : null,
    letter:
      version?.doc_number && version.document_date && version.manifest_sm3
        ? { docNumber: version.doc_number, documentDate: version.document_date, fingerprint: version.manifest_sm3 }
        : null,
    acceptedAt: pkg?.accepted_at ?? null,
  };
}

/** The province's receipt board: every city's package state, channel counts, quota use, receipt and acceptance time. */
export function presentProvinceBoard(
  batch: Batch,
  packages: readonly CityPackageView[],
  duplicates: DuplicateGroup[],
): ProvinceBoard {
  return {
    batch: { id: batch.id, label: batch.label, cityDeadline: batch.config.cityDeadline },
    duplicates,
    cities: packages.map((v) => ({
      authorityCode: v.authorityCode,
      name: v.authorityName,
      state: v.state,
      counts: {
        quota: v.recommended.filter((r) => r.channel === 'quota').length,
        designated_area: v.recommended.filter((r) => r.channel === 'designated_area').length,
        lab: v.recommended.filter((r) => r.channel === 'lab').length,
      },
      quota: v.quota,
      submittedAt: v.submittedAt,
      version: v.version,
      acceptedAt: v.acceptedAt,
      exception: v.exception,
    })),
  };
}
