import { useEffect, useState } from 'react';
import { call, messageOf } from '../../api';
import { useUi } from '../../store/ui';
import { copySecret } from './clipboard';

interface Shown { code: string; period: number; expiresAt: number }

function group(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : `${code.slice(0, 3)} ${code.slice(3)}`;
}

/**
 * The live 2FA code (SEC-2). Main computes each code; this asks again when the current one runs
 * out, timed by main's own "time left" so that a clock difference cannot show a stale code.
 */
export function TotpCode({ siteId, siteName }: { siteId: number; siteName: string }) {
  const toast = useUi((s) => s.toast);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, []);

  useEffect(() => {
    let cancelled = false;
    let timer: number | undefined;
    const load = async () => {
      try {
        const v = await call('vault.totp.code', { siteId });
        if (cancelled) return;
        const at = Date.now();
        setShown({ code: v.code, period: v.period, expiresAt: at + v.msRemaining });
        setNow(at);
        setError(null);
        // Never sooner than half a second, so a wrong answer cannot turn into a request storm.
        timer = window.setTimeout(() => void load(), Math.max(v.msRemaining, 500));
      } catch (err) {
        if (!cancelled) {
          setShown(null);
          setError(messageOf(err));
        }
      }
    };
    void load();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [siteId, attempt]);

  if (error) {
    return (
      <div className="totp">
        <p className="form-error" role="alert">The 2FA code could not be made: {error}</p>
        <button type="button" className="secondary" onClick={() => setAttempt((a) => a + 1)}>Try again</button>
      </div>
    );
  }
  if (!shown) return <p className="totp" role="status">Making the code…</p>;
  const left = Math.min(shown.period, Math.max(0, Math.ceil((shown.expiresAt - now) / 1000)));
  const copy = async () => {
    try {
      await copySecret(shown.code);
      toast(`2FA code for ${siteName} copied. The clipboard clears in 30 seconds.`);
    } catch (err) {
      toast(`Could not copy: ${messageOf(err)}`, 'error');
    }
  };
  return (
    <div className="totp" data-testid={`totp-${siteId}`}>
      <span className="sr-only">Current 2FA code:</span>
      <span className="totp-code">{group(shown.code)}</span>
      <span className="totp-left" data-testid="totp-seconds">{left} s</span>
      <progress className={left <= 5 ? 'totp-bar ending' : 'totp-bar'} max={shown.period} value={left} aria-label={`Seconds until the code for ${siteName} changes`} />
      <button type="button" className="secondary" onClick={() => void copy()}>Copy code<span className="sr-only"> for {siteName}</span></button>
    </div>
  );
}
