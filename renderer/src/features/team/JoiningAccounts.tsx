// Before a copy with its own users pairs (and so joins the team): which of its accounts will join, and how. The hub
// tells the team's accounts only once the code is spent, so this lists this copy's accounts with the rule, and asks
// to confirm. The merge itself is part 1's (teamMerge): same e-mail = the team's account; others join as they are.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleHint, roleNameWords } from '../../lib/roleWords';
import type { UserDto } from '../../../../electron/contract';
import { api } from '../../api/client';

interface JoiningAccountsProps {
  confirmed: boolean;
  onConfirmed: (value: boolean) => void;
  error?: string | undefined;
  /** Known once an invitation was read: these accounts become the team's (same e-mail), its password and role. */
  /** This copy's accounts that become the team's, each with the login name it has there. */
  unified?: ReadonlyMap<string, string>;
}

export function JoiningAccounts({ confirmed, onConfirmed, error, unified }: JoiningAccountsProps) {
  const { t } = useTranslation('team');
  const [accounts, setAccounts] = useState<UserDto[] | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('users.list', { includeInactive: true })
      .then((users) => live && setAccounts(users))
      .catch(() => live && setAccounts([]));
    return () => {
      live = false;
    };
  }, []);

  // The rule and the confirmation stand even if the list cannot be read.
  const listed = accounts ?? [];
  return (
    <div className="net-joining" data-testid="joining-accounts">
      {listed.length > 0 && (
        <>
          <p>
            <strong>{t('net.pair.accountsTitle', { count: listed.length })}</strong>
          </p>
          <ul aria-label={t('net.pair.accountsLabel')}>
            {listed.map((user) => (
              <li key={user.id}>
                <strong>{user.fullName}</strong> <span className="mono">{user.username}</span> · {user.email} ·{' '}
                {unified?.has(user.id) ? (
                  t('net.pair.accountUnified', { username: unified.get(user.id) })
                ) : user.isSuperuser ? (
                  <span className="badge net-superuser" title={roleHint(t, user)}>
                    {t('net.pair.accountSuperuser')}
                  </span>
                ) : user.roleName === null ? (
                  t('net.pair.accountNoRole')
                ) : (
                  roleNameWords(t, user.roleName)
                )}
                {!user.isActive && <span className="muted"> · {t('net.pair.accountInactive')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">{t('net.pair.accountsRule')}</p>
      <label className="net-confirm">
        <input type="checkbox" name="confirmAccounts" checked={confirmed} onChange={(e) => onConfirmed(e.target.checked)} aria-invalid={error ? true : undefined} />
        <span>{t('net.pair.accountsConfirm')}</span>
      </label>
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
