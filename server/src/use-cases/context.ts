import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { ApplicationRepository } from '../repositories/application-repository.js';
import { AuditRepository } from '../repositories/audit-repository.js';
import { RecommendationRepository } from '../repositories/recommendation-repository.js';
import { ReferenceRepository } from '../repositories/reference-repository.js';
import { ReviewRepository } from '../repositories/review-repository.js';
import { SessionRepository } from '../repositories/session-repository.js';
import { UserRepository } from '../repositories/user-repository.js';
import { FileBlobStore } from '../storage/blob-store.js';
import { FileDigester } from '../storage/file-digester.js';
import { EvidenceDigests } from './evidence-digests.js';
import { argon2PasswordHasher, type PasswordHasher } from './password-hasher.js';

/** The ports every use case receives: repositories, file store, clock, hasher, settings. */
export interface Context {
  config: Config;
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  blobs: FileBlobStore;
  digester: FileDigester;
  digests: EvidenceDigests;
  references: ReferenceRepository;
  users: UserRepository;
  sessions: SessionRepository;
  applications: ApplicationRepository;
  reviews: ReviewRepository;
  recommendations: RecommendationRepository;
  audit: AuditRepository;
}

export function createContext(
  config: Config,
  db: Db,
  clock: Clock,
  passwords: PasswordHasher = argon2PasswordHasher,
  onDigestError: (fileId: string, err: unknown) => void = () => undefined,
): Context {
  const blobs = new FileBlobStore(config.filesDir);
  const digester = new FileDigester();
  const applications = new ApplicationRepository(db);
  return {
    config,
    db,
    clock,
    passwords,
    blobs,
    digester,
    digests: new EvidenceDigests(applications, blobs, digester, onDigestError),
    references: new ReferenceRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    applications,
    reviews: new ReviewRepository(db),
    recommendations: new RecommendationRepository(db),
    audit: new AuditRepository(db),
  };
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
}
