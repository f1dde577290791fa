import { isValidUscc, normalizeUscc } from '#contract';
import type { FieldError } from './errors.js';

export interface InstitutionCandidate {
  name: string;
  uscc: string;
  agreementFileId?: string | null;
}

/**
 * The one check of an institutions list, typed in or imported: each a valid USCC (GB 32100-2015), no
 * institution twice, and no agreement file shared by two institutions. `agreementFiles` is the set of
 * the application's agreement files; an id outside it is refused. Fields are named as the form names
 * them (`institutions.N.uscc`).
 */
export function institutionProblems(
  list: readonly InstitutionCandidate[],
  agreementFiles: ReadonlySet<string>,
): FieldError[] {
  const problems: FieldError[] = [];
  const firstByUscc = new Map<string, number>();
  const firstByFile = new Map<string, number>();
  list.forEach((inst, i) => {
    const n = i + 1;
    const uscc = normalizeUscc(inst.uscc);
    if (!isValidUscc(uscc)) {
      problems.push({
        field: `institutions.${i}.uscc`,
        message: `集聚服务机构（第${n}项）统一社会信用代码：格式或校验位不正确（18位，GB 32100-2015）`,
      });
    } else if (firstByUscc.has(uscc)) {
      problems.push({
        field: `institutions.${i}.uscc`,
        message: `集聚服务机构（第${n}项）统一社会信用代码：与第${firstByUscc.get(uscc)! + 1}项重复`,
      });
    } else {
      firstByUscc.set(uscc, i);
    }
    const file = inst.agreementFileId;
    if (file === null || file === undefined) return;
    if (!agreementFiles.has(file)) {
      problems.push({
        field: `institutions.${i}.agreementFileId`,
        message: `集聚服务机构（第${n}项）合作协议：文件不存在，请重新上传`,
      });
    } else if (firstByFile.has(file)) {
      problems.push({
        field: `institutions.${i}.agreementFileId`,
        message: `集聚服务机构（第${n}项）合作协议：与第${firstByFile.get(file)! + 1}项是同一份文件，每家机构须上传各自的协议`,
      });
    } else {
      firstByFile.set(file, i);
    }
  });
  return problems;
}
