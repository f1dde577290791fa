import type { Config } from '../config.js';
import { personalDataCipher, type PersonalDataCipher } from '../crypto/personal-data.js';
import { atomic, type Db } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { ApplicationRepository } from '../repositories/application-repository.js';
import { AuditRepository } from '../repositories/audit-repository.js';
import { ExpertReviewRepository } from '../repositories/expert-review-repository.js';
import { PublicityRepository } from '../repositories/publicity-repository.js';
import { AnnualReportRepository } from '../repositories/annual-report-repository.js';
import { CertificateRepository } from '../repositories/certificate-repository.js';
import { FileRepository } from '../repositories/file-repository.js';
import { JobRepository } from '../repositories/job-repository.js';
import { LetterRepository } from '../repositories/letter-repository.js';
import { NotificationRepository } from '../repositories/notification-repository.js';
import { PersonalDataRepository } from '../repositories/personal-data-repository.js';
import { RecommendationRepository } from '../repositories/recommendation-repository.js';
import { ReferenceRepository } from '../repositories/reference-repository.js';
import { ReviewRepository } from '../repositories/review-repository.js';
import { SessionRepository } from '../repositories/session-repository.js';
import { SignInRepository } from '../repositories/sign-in-repository.js';
import { UserRepository } from '../repositories/user-repository.js';
import { FileBlobStore, type BlobStore } from '../storage/blob-store.js';
import { S3BlobStore } from '../storage/s3-blob-store.js';
import { FileDigester } from '../storage/file-digester.js';
import { EvidenceDigests } from './evidence-digests.js';
import { argon2PasswordHasher, type PasswordHasher } from './password-hasher.js';

/** The repositories, all over one database handle (the pool, or one transaction). */
export interface Repositories {
  references: ReferenceRepository;
  users: UserRepository;
  sessions: SessionRepository;
  signIn: SignInRepository;
  applications: ApplicationRepository;
  files: FileRepository;
  reviews: ReviewRepository;
  recommendations: RecommendationRepository;
  letters: LetterRepository;
  audit: AuditRepository;
  personalData: PersonalDataRepository;
  notifications: NotificationRepository;
  jobs: JobRepository;
  expertReviews: ExpertReviewRepository;
  publicities: PublicityRepository;
  annualReports: AnnualReportRepository;
  certificates: CertificateRepository;
}

/** The ports every use case receives: repositories, file store, clock, hasher, settings. */
export interface Context extends Repositories {
  config: Config;
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  /** Encrypts personal data at rest (DATA_KEY); the repositories use it, use cases see plain values. */
  cipher: PersonalDataCipher;
  blobs: BlobStore;
  digester: FileDigester;
  digests: EvidenceDigests;
  /**
   * A unit of work: `fn` gets a Context whose database and repositories are one transaction, so a state
   * change and its audit entry commit together or not at all (an exception rolls both back). Inside,
   * use only the `tx` it is given: on SQLite the one connection is held by the transaction, so a query
   * through the outer context would wait for it forever. Keep file I/O outside (blobs are removed after
   * the commit). Nested calls join the running transaction.
   */
  transaction<T>(fn: (tx: Context) => Promise<T>): Promise<T>;
}

function repositories(db: Db, cipher: PersonalDataCipher): Repositories {
  return {
    references: new ReferenceRepository(db),
    users: new UserRepository(db, cipher),
    sessions: new SessionRepository(db),
    signIn: new SignInRepository(db, cipher),
    applications: new ApplicationRepository(db, cipher),
    files: new FileRepository(db),
    reviews: new ReviewRepository(db, cipher),
    recommendations: new RecommendationRepository(db, cipher),
    letters: new LetterRepository(db),
    audit: new AuditRepository(db),
    personalData: new PersonalDataRepository(db, cipher),
    notifications: new NotificationRepository(db, cipher),
    jobs: new JobRepository(db),
    expertReviews: new ExpertReviewRepository(db, cipher),
    publicities: new PublicityRepository(db, cipher),
    annualReports: new AnnualReportRepository(db, cipher),
    certificates: new CertificateRepository(db),
  };
}

export function createContext(
  config: Config,
  db: Db,
  clock: Clock,
  passwords: PasswordHasher = argon2PasswordHasher,
  onDigestError: (fileId: string, err: unknown) => void = () => undefined,
): Context {
  const blobs = config.s3 ? new S3BlobStore(config.s3, config.filesDir) : new FileBlobStore(config.filesDir);
  const digester = new FileDigester();
  const cipher = personalDataCipher(config);
  const digests = new EvidenceDigests((fn) => root.transaction(fn), blobs, digester, clock, onDigestError);
  const bind = (handle: Db): Context => {
    const bound: Context = {
      config,
      db: handle,
      clock,
      passwords,
      cipher,
      blobs,
      digester,
      digests,
      ...repositories(handle, cipher),
      transaction: (fn) => atomic(handle, (trx) => fn(trx === handle ? bound : bind(trx))),
    };
    return bound;
  };
  const root = bind(db);
  return root;
}

/**
 * Where a request came from: the client's address for the audit log (behind a trusted proxy, the one
 * the proxy saw), and its user agent, kept with a session opened by the request.
 */
export interface RequestOrigin {
  ip: string | null;
  userAgent?: string | null;
}
