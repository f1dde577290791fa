import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  precheckInputSchema,
  ruleRequirement,
  type BatchSummary,
  type FieldError,
  type PrecheckResult,
  type RuleCode,
} from '#contract';
import { ApiError } from '../api/client';
import { precheckApi, referenceApi } from '../api/applications-api';
import { formatDate } from '../features/common/format';
import { collectFieldIssues } from '../features/common/fieldIssues';
import { maxLengthOf } from '../features/common/schemaRules';
import { Icon } from './icons';
import { Alert, Card, controlProps, Field, invalidClass, type FieldNote } from './ui';

/**
 * The precheck judges by year; the demo copy shares its year and rules with the official batch, so
 * each year is offered once, described by its official batch.
 */
export function batchesByYear(batches: readonly BatchSummary[]): BatchSummary[] {
  const byYear = new Map<number, BatchSummary>();
  for (const batch of batches) {
    const known = byYear.get(batch.year);
    if (!known || (known.isDemo && !batch.isDemo)) byYear.set(batch.year, batch);
  }
  return [...byYear.values()].sort((a, b) => b.year - a.year);
}

type TextField = 'platformName' | 'operatorName' | 'uscc' | 'registeredOn';
type NumberField =
  'totalAssetsWan' | 'serviceStaff' | 'institutions' | 'preferentialSharePercent' | 'enterprisesServedLastYear';

/** The form as typed: numbers and the date stay text until they are checked. */
type Values = Record<TextField | NumberField, string> & { batchYear: number | null; categories: string[] };

const EMPTY: Values = {
  batchYear: null,
  platformName: '',
  operatorName: '',
  uscc: '',
  registeredOn: '',
  categories: [],
  totalAssetsWan: '',
  serviceStaff: '',
  institutions: '',
  preferentialSharePercent: '',
  enterprisesServedLastYear: '',
};

const NUMBERS: { field: NumberField; label: string; unit: string; decimals: number; max?: number; rule: RuleCode }[] = [
  { field: 'totalAssetsWan', label: '上年末资产总额', unit: '万元', decimals: 2, rule: 'ASSETS_BELOW_MIN' },
  { field: 'serviceStaff', label: '服务人员数量', unit: '人', decimals: 0, rule: 'STAFF_BELOW_MIN' },
  { field: 'institutions', label: '集聚服务机构数量', unit: '家', decimals: 0, rule: 'INSTITUTIONS_BELOW_MIN' },
  {
    field: 'preferentialSharePercent',
    label: '优惠服务占比',
    unit: '%',
    decimals: 2,
    max: 100,
    rule: 'PREFERENTIAL_SHARE_BELOW_MIN',
  },
  {
    field: 'enterprisesServedLastYear',
    label: '年服务企业数',
    unit: '家',
    decimals: 0,
    rule: 'ENTERPRISES_SERVED_BELOW_MIN',
  },
];

/** The order of the fields on the page: the first one with an error gets the focus. */
const FIELD_ORDER = [
  'batchYear',
  'platformName',
  'operatorName',
  'uscc',
  'registeredOn',
  ...NUMBERS.map((n) => n.field),
] as const;

const shape = precheckInputSchema.shape;
const DATE_EXAMPLE = '2015年3月1日';

const pad = (n: number) => String(n).padStart(2, '0');

/** A day as typed — 2015年3月1日, 2015-03-01, 2015/3/1 or 2015.3.1 — as an ISO date, or null. */
export function isoDateOf(typed: string): string | null {
  const match = /^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$/.exec(typed);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** A number as typed, or a note why it is not one the form takes. */
function numberOf(typed: string, decimals: number, max: number | undefined): number | FieldNote {
  const value = Number(typed.trim());
  if (typed.trim() === '' || !Number.isFinite(value)) return { status: 'error', message: '须填写数字' };
  if (value < 0) return { status: 'error', message: '不能小于0' };
  if (max !== undefined && value > max) return { status: 'error', message: `不能大于${max}` };
  if (decimals === 0 && !Number.isInteger(value)) return { status: 'error', message: '须为整数' };
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}

type Notes = Partial<Record<(typeof FIELD_ORDER)[number], FieldNote>>;

const missing: FieldNote = { status: 'error', message: '须填写' };

/** What the form misses before it can be sent: empty fields, a day that is not one, a figure that is not a number. */
function notesOf(values: Values): Notes {
  const notes: Notes = {};
  if (values.batchYear === null) notes.batchYear = { status: 'error', message: '须选择' };
  for (const field of ['platformName', 'operatorName', 'uscc'] as const)
    if (!values[field].trim()) notes[field] = missing;
  const day = isoDateOf(values.registeredOn);
  if (!values.registeredOn.trim()) notes.registeredOn = missing;
  else if (!day) notes.registeredOn = { status: 'error', message: `请按“${DATE_EXAMPLE}”的格式填写` };
  else if (day > today()) notes.registeredOn = { status: 'error', message: '不能晚于今天' };
  for (const { field, decimals, max } of NUMBERS) {
    const value = values[field].trim() === '' ? missing : numberOf(values[field], decimals, max);
    if (typeof value !== 'number') notes[field] = value;
  }
  return notes;
}

const numberValue = (values: Values, field: NumberField) => {
  const { decimals, max } = NUMBERS.find((n) => n.field === field)!;
  return numberOf(values[field], decimals, max) as number;
};

/** 符合 or 不符合, with every failing rule in words (its code kept in `data-code`). */
function PrecheckVerdict({ result, stale }: { result: PrecheckResult | null; stale: boolean }) {
  if (!result) {
    return (
      <Card small title="自测结果">
        <p className="pub-verdict-text pub-secondary">
          填写左侧数据后点击“检查”，系统按本批次通知的条件逐项核对，并列出全部不符合项。自测不保存任何数据。
        </p>
      </Card>
    );
  }
  return (
    <Card small title="自测结果" testId="precheck-verdict">
      <div role="status">
        {result.eligible ? (
          <div className="pub-verdict pub-verdict-eligible">
            <Icon name="checkCircle" /> 符合
          </div>
        ) : (
          <div className="pub-verdict pub-verdict-ineligible">
            <Icon name="closeCircle" /> 不符合
          </div>
        )}
        <p className="pub-verdict-text pub-secondary">
          {result.eligible
            ? '所填数据满足本批次全部申报条件。正式申报时还须提交证明材料。'
            : `共 ${result.failures.length} 项不符合：`}
        </p>
      </div>
      {result.failures.length > 0 && (
        <ul className="pub-issues">
          {result.failures.map((issue) => (
            <li key={`${issue.code}-${issue.field}-${issue.message}`} data-code={issue.code}>
              <Icon name="closeCircle" label="不符合" />
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      )}
      {stale && <span className="pub-stale">数据已修改，请重新检查。</span>}
    </Card>
  );
}

/**
 * 申报条件自测, without antd: the figures of 附件2 注1–3, entered freely and checked by the same rules the
 * system applies later. Nothing is saved.
 */
export function PrecheckPage() {
  const [batches, setBatches] = useState<BatchSummary[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [values, setValues] = useState<Values>(EMPTY);
  const [notes, setNotes] = useState<Notes>({});
  const [result, setResult] = useState<PrecheckResult | null>(null);
  const [rejected, setRejected] = useState<FieldError[]>([]);
  const [changedSinceCheck, setChangedSinceCheck] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    referenceApi.batches(controller.signal).then(
      (all) => {
        const byYear = batchesByYear(all);
        setBatches(byYear);
        setValues((current) => ({ ...current, batchYear: current.batchYear ?? byYear[0]?.year ?? null }));
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoadFailure(failure instanceof Error ? failure.message : '加载失败');
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const config = batches?.find((b) => b.year === values.batchYear)?.config;
  const failures = (result?.failures ?? []).filter((f) => !changedSinceCheck.includes(f.field));
  const issues = collectFieldIssues(
    failures,
    rejected.filter((p) => !changedSinceCheck.includes(p.field)),
    [],
    () => false,
  );

  /** The form's own note on a field, else the server's verdict on it. */
  const noteOf = (field: string): FieldNote | undefined => {
    const own = notes[field as keyof Notes];
    if (own) return own;
    const issue = issues.get(field);
    return issue ? { status: issue.status, message: issue.messages.join('；') } : undefined;
  };

  const change = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setNotes((current) => ({ ...current, [field]: undefined }));
    setChangedSinceCheck((current) => (current.includes(field) ? current : [...current, field]));
  };

  /** Another batch: its own categories only, and the last verdict (given by other rules) is gone. */
  const changeBatch = (year: number | null) => {
    const offered = batches?.find((b) => b.year === year)?.config.categories ?? [];
    setValues((current) => ({
      ...current,
      batchYear: year,
      categories: current.categories.filter((c) => offered.includes(c)),
    }));
    setNotes((current) => ({ ...current, batchYear: undefined }));
    setResult(null);
    setRejected([]);
    setChangedSinceCheck([]);
  };

  const check = async (input: Values) => {
    setChecking(true);
    setRejected([]);
    try {
      const outcome = await precheckApi.check({
        batchYear: input.batchYear!,
        platformName: input.platformName,
        operatorName: input.operatorName,
        uscc: input.uscc.replace(/\s+/g, ''),
        categories: input.categories,
        registeredOn: isoDateOf(input.registeredOn)!,
        totalAssetsWan: numberValue(input, 'totalAssetsWan'),
        serviceStaff: numberValue(input, 'serviceStaff'),
        institutions: numberValue(input, 'institutions'),
        preferentialSharePercent: numberValue(input, 'preferentialSharePercent'),
        enterprisesServedLastYear: numberValue(input, 'enterprisesServedLastYear'),
      });
      setResult(outcome);
      setChangedSinceCheck([]);
    } catch (failure) {
      setResult(null);
      setChangedSinceCheck([]);
      if (failure instanceof ApiError && failure.body.errors) setRejected(failure.body.errors);
      else setRejected([{ field: 'batchYear', message: failure instanceof Error ? failure.message : '检查失败' }]);
    } finally {
      setChecking(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (checking) return;
    const found = notesOf(values);
    setNotes(found);
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`#precheck_${first}`)?.focus();
    else void check(values);
  };

  /** The rule's requirement in the chosen batch's words, shown under its field until a note takes its place. */
  const requirement = (code: RuleCode) => (config ? `要求：${ruleRequirement(code, config)}` : undefined);

  const text = (field: 'platformName' | 'operatorName' | 'uscc', label: string, rule?: RuleCode, className = '') => {
    const note = noteOf(field);
    const extra = rule && requirement(rule);
    return (
      <Field id={`precheck_${field}`} label={label} note={note} extra={extra}>
        <input
          {...controlProps(`precheck_${field}`, note, extra)}
          className={`pub-input${className}${invalidClass(note)}`}
          maxLength={maxLengthOf(shape[field])}
          value={values[field]}
          onChange={(e) => change(field, field === 'uscc' ? e.target.value.toUpperCase() : e.target.value)}
        />
      </Field>
    );
  };

  const registeredOn = noteOf('registeredOn');
  const registeredOnExtra = requirement('REGISTRATION_TOO_RECENT');
  const categories = noteOf('categories');
  const categoriesExtra = requirement('CATEGORY_MISSING');
  const batchYear = noteOf('batchYear');

  return (
    <div className="pub-precheck">
      <div className="pub-page-heading">
        <h1>申报条件自测</h1>
        <span className="pub-secondary">对照通知附件2 注1–3 的条件，先自行检查平台是否具备申报资格。无需登录。</span>
      </div>
      {batches ? (
        <div className="pub-precheck-grid">
          <form id="precheck" ref={formRef} onSubmit={submit} noValidate>
            <Card small title="申报批次与平台">
              <Field id="precheck_batchYear" label="申报批次" note={batchYear}>
                <select
                  {...controlProps('precheck_batchYear', batchYear, undefined)}
                  className={`pub-input${invalidClass(batchYear)}`}
                  value={values.batchYear ?? ''}
                  onChange={(e) => changeBatch(e.target.value ? Number(e.target.value) : null)}
                >
                  {batches.map((b) => (
                    <option key={b.year} value={b.year}>
                      {b.label}
                    </option>
                  ))}
                </select>
              </Field>
              <div className="pub-grid-2">
                {text('platformName', '平台名称', 'NAME_FORBIDDEN_WORD')}
                {text('operatorName', '运营单位名称')}
                {text('uscc', '统一社会信用代码', 'USCC_INVALID', ' pub-mono')}
                <Field id="precheck_registeredOn" label="注册登记时间" note={registeredOn} extra={registeredOnExtra}>
                  <input
                    {...controlProps('precheck_registeredOn', registeredOn, registeredOnExtra)}
                    className={`pub-input${invalidClass(registeredOn)}`}
                    placeholder={`如 ${DATE_EXAMPLE}`}
                    autoComplete="off"
                    value={values.registeredOn}
                    onChange={(e) => change('registeredOn', e.target.value)}
                    onBlur={() => {
                      const day = isoDateOf(values.registeredOn);
                      if (day) setValues((current) => ({ ...current, registeredOn: formatDate(day) }));
                    }}
                  />
                </Field>
              </div>
              <fieldset
                className={categories ? 'pub-field pub-field-with-help' : 'pub-field'}
                aria-describedby={
                  categories ? 'precheck_categories_help' : categoriesExtra ? 'precheck_categories_extra' : undefined
                }
              >
                <legend className="pub-label">平台类别（服务功能，可多选）</legend>
                <div className="pub-checks">
                  {(config?.categories ?? []).map((category) => (
                    <label key={category}>
                      <input
                        type="checkbox"
                        checked={values.categories.includes(category)}
                        onChange={(e) =>
                          change(
                            'categories',
                            e.target.checked
                              ? [...values.categories, category]
                              : values.categories.filter((c) => c !== category),
                          )
                        }
                      />
                      {category}
                    </label>
                  ))}
                </div>
                {categories ? (
                  <div id="precheck_categories_help" className="pub-help" role="alert">
                    {categories.message}
                  </div>
                ) : (
                  categoriesExtra && (
                    <div id="precheck_categories_extra" className="pub-extra">
                      {categoriesExtra}
                    </div>
                  )
                )}
              </fieldset>
            </Card>
            <Card small title="申报条件数据">
              <div className="pub-grid-3">
                {NUMBERS.map(({ field, label, unit, decimals, rule }) => {
                  const note = noteOf(field);
                  const extra = requirement(rule);
                  return (
                    <Field key={field} id={`precheck_${field}`} label={label} note={note} extra={extra}>
                      <span className={`pub-affix${invalidClass(note)}`}>
                        <input
                          {...controlProps(`precheck_${field}`, note, extra)}
                          className="pub-input"
                          inputMode={decimals > 0 ? 'decimal' : 'numeric'}
                          autoComplete="off"
                          value={values[field]}
                          onChange={(e) => change(field, e.target.value)}
                        />
                        <span className="pub-suffix">{unit}</span>
                      </span>
                    </Field>
                  );
                })}
              </div>
            </Card>
            <button type="submit" className="pub-btn pub-btn-primary pub-btn-lg" aria-busy={checking}>
              <Icon name="safetyCertificate" />
              检查是否符合申报条件
            </button>
          </form>
          <div className="pub-verdict-column">
            <PrecheckVerdict result={result} stale={changedSinceCheck.length > 0} />
          </div>
        </div>
      ) : loadFailure ? (
        <div>
          <Alert type="error" title="申报批次加载失败" description={loadFailure} />
          <button
            type="button"
            className="pub-btn pub-btn-primary"
            onClick={() => {
              setLoadFailure(null);
              setAttempt(attempt + 1);
            }}
          >
            重试
          </button>
        </div>
      ) : (
        <div className="pub-loading">正在加载…</div>
      )}
    </div>
  );
}
