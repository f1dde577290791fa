import type { CityPackageView, PublicityInput, PublicityView } from '#contract';
import type { App } from '../src/http/app.js';
import { makeReadyForRecommendation, submittedApplication } from './applications.js';
import { TestClient } from './http.js';

interface Clock {
  set(instant: string): void;
}

/** A 5-day 公示 from `startsAt`: real name and contact required, evidence optional, objections online too. */
export const publicitySettings = (unit: 'calendar' | 'working', startsAt: string): PublicityInput['settings'] => ({
  days: 5,
  unit,
  startsAt,
  objections: {
    realNameRequired: true,
    contactRequired: true,
    evidenceRequired: false,
    writtenOnly: false,
    office: {
      department: '省工业和信息化厅中小企业服务处',
      address: '郑州市金水路115号',
      phone: '0371-65507615',
      email: '',
    },
  },
});

/** The password test-support/applications.ts registers units with. */
export const APPLICANT_PASSWORD = 'Passw0rd!';

export interface RecognizedPlatform {
  applicationId: string;
  recognitionId: string;
  /** The applicant's username (password: APPLICANT_PASSWORD). */
  username: string;
  regionCode: string;
}

function expectStatus(res: { statusCode: number; body: string }, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

/**
 * Platforms recognised through the whole path over HTTP: submitted, recommended by their city, the city's package
 * accepted, published in a 5-calendar-day 公示 from `publicizeAt`, and recognised when the clock is set to
 * `recognizeAt` (after the window). The clock is left at `recognizeAt`.
 */
export async function recognizedPlatforms(
  app: App,
  clock: Clock,
  cities: { cityUser: string; regionCode: string; count: number }[],
  dates = { publicizeAt: '2026-12-01T09:00:00+08:00', recognizeAt: '2026-12-07T10:00:00+08:00' },
): Promise<RecognizedPlatform[]> {
  const province = await new TestClient(app).login('province');
  const applications: { id: string; username: string; regionCode: string }[] = [];
  for (const { cityUser, regionCode, count } of cities) {
    const city = await new TestClient(app).login(cityUser);
    for (let i = 0; i < count; i++) {
      const { id, username } = await submittedApplication(app, regionCode);
      await makeReadyForRecommendation(city, id);
      expectStatus(
        await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }),
        200,
        'recommend',
      );
      applications.push({ id, username, regionCode });
    }
    const submitted = await city.post('/api/v1/city/package/submit');
    expectStatus(submitted, 200, 'submit package');
    const { version } = submitted.json<CityPackageView>();
    expectStatus(await province.post(`/api/v1/packages/${regionCode}/accept`, { version }), 200, 'accept package');
  }
  const published = await province.post('/api/v1/publicities', {
    title: '示范平台拟认定名单',
    notice: '现将拟认定名单予以公示。如有异议，请于公示期内实名提出并附佐证材料。',
    applicationIds: applications.map((a) => a.id),
    settings: publicitySettings('calendar', dates.publicizeAt),
  });
  expectStatus(published, 201, 'publish');
  const publicity = published.json<PublicityView>();
  clock.set(dates.recognizeAt);
  const later = await new TestClient(app).login('province');
  expectStatus(await later.post(`/api/v1/publicities/${publicity.id}/recognition`), 200, 'recognize');
  return applications.map((a) => ({
    applicationId: a.id,
    recognitionId: publicity.candidates.find((c) => c.applicationId === a.id)!.id,
    username: a.username,
    regionCode: a.regionCode,
  }));
}
