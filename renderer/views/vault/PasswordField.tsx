import { useId, useState } from 'react';

/**
 * A masked secret input. autoComplete and the password-manager hints keep the browser (and any
 * extension) from offering to save what is typed (SEC-4); the vault is the only place it goes.
 */
export function PasswordField(props: {
  label: string; value: string; onChange(v: string): void; hint?: string; error?: string | null; autoFocus?: boolean; describedBy?: string;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '', props.describedBy ?? ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <div className="secret-input">
        <input id={id} type={shown ? 'text' : 'password'} value={props.value} autoComplete="off" spellCheck={false}
          autoCapitalize="off" autoCorrect="off" data-lpignore="true" data-1p-ignore="true" autoFocus={props.autoFocus}
          aria-invalid={props.error ? true : undefined} aria-describedby={described || undefined}
          onChange={(e) => props.onChange(e.target.value)} />
        <button type="button" className="secondary" onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide' : 'Show'}<span className="sr-only"> {props.label.toLowerCase()}</span>
        </button>
      </div>
      {props.hint ? <p className="hint" id={`${id}-hint`}>{props.hint}</p> : null}
      {props.error ? <p className="field-error" id={`${id}-error`} role="alert">{props.error}</p> : null}
    </div>
  );
}
