import { AppError } from '../shared/errors';

/**
 * Why a vault input was refused. The shared `code` stays 'invalid_input' so IPC handlers map it
 * like any other bad input; `reason` lets the renderer pick the right hint without parsing text.
 */
export type VaultInputReason =
  | 'bad_base32'
  | 'secret_too_short'
  | 'secret_too_long'
  | 'bad_uri'
  | 'hotp_unsupported'
  | 'not_totp'
  | 'missing_secret'
  | 'duplicate_param'
  | 'bad_algorithm'
  | 'bad_digits'
  | 'bad_period'
  | 'bad_label'
  | 'bad_seed'
  | 'bad_time'
  | 'not_an_image'
  | 'image_too_large'
  | 'no_qr_found'
  | 'not_otpauth'
  | 'too_long'
  | 'empty'
  | 'weak_passphrase'
  | 'bad_hash_record';

export class VaultInputError extends AppError {
  constructor(
    readonly reason: VaultInputReason,
    message: string,
  ) {
    super('invalid_input', message);
    this.name = 'VaultInputError';
  }
}
