// The Sellsy API v2 envelopes and the records only the data layer reads (the third, the user). The records a
// summary is made of are the client model's: lib/client/records.ts.
import type { IsoDateTime, ThirdType } from '../client/records';

export interface Pagination {
  limit: number;
  count: number;
  total: number;
  offset: string | number | null;
}
export interface ListResponse<T> {
  pagination: Pagination;
  data: T[];
}
export interface SellsyErrorBody {
  error: { code: number; message: string; context: string | null; details: Record<string, unknown> };
}

export interface Company {
  id: number;
  type: ThirdType;
  name: string;
  email?: string | null;
  website?: string | null;
  phone_number?: string | null;
  reference?: string | null;
  created?: IsoDateTime;
  updated_at?: IsoDateTime;
  is_archived?: boolean;
}
export interface Individual {
  id: number;
  type: ThirdType;
  first_name: string | null;
  last_name: string;
  civility?: 'mr' | 'mrs' | 'ms' | null;
  email?: string | null;
  created?: IsoDateTime;
  updated_at?: IsoDateTime;
  is_archived?: boolean;
}

export interface StaffLicense {
  id: number;
  code: string; // pack_prospecting_sale | pack_invoicing_management | pack_all_included
  enabled: boolean;
}
export interface Staff {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
  language: string; // "fr", "en"
  timezone: string;
  _embed?: {
    licenses?: StaffLicense[];
    account?: { id: number; uuid?: string; name: string; country_code?: string; created?: IsoDateTime };
    preferences?: { timezone?: string; format_date?: string; format_hour?: string; currency?: string };
  };
}

export interface Pipeline {
  id: number;
  name: string;
}
export interface PipelineStep {
  id: number;
  name: string;
  probability?: number;
  rank?: number;
}
