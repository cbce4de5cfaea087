import { AppError } from "../../errors.ts";

export interface ZaloApiErrorInit {
  method: string;
  /** Zalo's `error_code`, else the HTTP status; 0 when no answer arrived (network, timeout). */
  errorCode: number;
  description: string;
  /** 0 when no HTTP answer arrived or the request was refused before sending. */
  httpStatus: number;
}

/**
 * A failed Zalo Bot API call. Never carries the request URL or the token (the token is part of the
 * URL path), so it is safe to log as is.
 */
export class ZaloApiError extends AppError<"ZALO_API_ERROR"> {
  readonly method: string;
  readonly errorCode: number;
  readonly description: string;
  readonly httpStatus: number;
  /** Worth trying again later: quota (429), timeout (408), server errors and network failures. */
  readonly retryable: boolean;

  constructor(init: ZaloApiErrorInit) {
    super("ZALO_API_ERROR", `Zalo ${init.method} failed: ${init.errorCode} ${init.description}`, {
      method: init.method,
      errorCode: init.errorCode,
      httpStatus: init.httpStatus,
    });
    this.name = "ZaloApiError";
    this.method = init.method;
    this.errorCode = init.errorCode;
    this.description = init.description;
    this.httpStatus = init.httpStatus;
    this.retryable = isRetryable(init.errorCode);
  }
}

function isRetryable(errorCode: number): boolean {
  return errorCode === 0 || errorCode === 408 || errorCode === 429 || errorCode >= 500;
}
