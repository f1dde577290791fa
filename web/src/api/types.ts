import type { ApplicationStatus, Channel, Issue, RosterRowView } from '../../../shared/src/index.js';

/** Wire types the API returns that shared/src does not declare. */

export interface Region {
  code: string;
  name: string;
  authorityCode: string;
  authorityName: string;
}

export interface Authority {
  code: string;
  name: string;
}

export interface ReferenceData {
  regions: Region[];
  authorities: Authority[];
  demo: boolean;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  errors?: FieldProblem[];
  failures?: Issue[];
  rowErrors?: RowError[];
}

export interface ApplicationListItem {
  id: string;
  unitName: string;
  uscc: string;
  platformName: string;
  regionName: string;
  authorityName: string;
  status: ApplicationStatus;
  channel: Channel | null;
  /** In the contract, not yet sent by the server: the column shows — until it is. */
  eligible?: boolean;
  submittedAt: string | null;
  contactName: string;
  contactPhone: string;
}

export interface RosterPreview {
  count: number;
  rows: RosterRowView[];
}
