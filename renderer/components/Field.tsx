import { useId, type ReactNode } from 'react';

interface BaseProps { label: string; error?: string | null; hint?: string; required?: boolean }

function Wrapper({ id, label, error, hint, required, children }: BaseProps & { id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {children}
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field-error" id={`${id}-error`} role="alert">{error}</p> : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function TextField(props: BaseProps & { value: string; onChange(v: string): void; type?: string; placeholder?: string; autoFocus?: boolean; name?: string; autoComplete?: string }) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <input id={id} name={props.name} type={props.type ?? 'text'} value={props.value} placeholder={props.placeholder} autoComplete={props.autoComplete}
        required={props.required} autoFocus={props.autoFocus} aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)} onChange={(e) => props.onChange(e.target.value)} />
    </Wrapper>
  );
}

export function TextArea(props: BaseProps & { value: string; onChange(v: string): void; rows?: number }) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <textarea id={id} rows={props.rows ?? 3} value={props.value} required={props.required}
        aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value)} />
    </Wrapper>
  );
}

export function SelectField(props: BaseProps & { value: string; onChange(v: string): void; options: { value: string; label: string }[]; placeholder?: string }) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <select id={id} value={props.value} required={props.required} aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)} onChange={(e) => props.onChange(e.target.value)}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Wrapper>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange(v: boolean): void; hint?: string }) {
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? <p className="hint" id={`${id}-hint`}>{props.hint}</p> : null}
    </div>
  );
}

export function FileField(props: BaseProps & { onChange(file: File | null): void; accept?: string }) {
  const id = useId();
  return (
    <Wrapper id={id} {...props}>
      <input id={id} type="file" accept={props.accept} required={props.required} aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)} onChange={(e) => props.onChange(e.target.files?.[0] ?? null)} />
    </Wrapper>
  );
}
