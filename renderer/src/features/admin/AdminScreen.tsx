// Administración: users, roles, catalogs and settings, each section shown only to whoever may change it.
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../../lib/router';
import { useCan } from '../../stores/session';
import { TeamSection } from '../team/TeamSection';
import { BackupsSection } from './BackupsSection';
import { CatalogSection } from './CatalogSection';
import { ChecklistTemplatesSection } from './ChecklistTemplatesSection';
import { RolesSection } from './RolesSection';
import { SettingsSection } from './SettingsSection';
import { UsersSection } from './UsersSection';
import './admin.css';

const SECTIONS = ['users', 'roles', 'categories', 'customers', 'products', 'settings', 'checklists', 'backups', 'team'] as const;
type Section = (typeof SECTIONS)[number];
/** Each section's name; the backups and checklists ones live with their screens' words. */
const labelKey = (section: Section) => (section === 'backups' ? 'backups:title' : section === 'checklists' ? 'checklists:admin.title' : `sections.${section}`);

function Body({ section }: { section: Section }) {
  switch (section) {
    case 'users':
      return <UsersSection />;
    case 'roles':
      return <RolesSection />;
    case 'settings':
      return <SettingsSection />;
    case 'checklists':
      return <ChecklistTemplatesSection />;
    case 'backups':
      return <BackupsSection />;
    case 'team':
      return <TeamSection />;
    default:
      return <CatalogSection key={section} kind={section} />;
  }
}

export default function AdminScreen({ section }: { section?: string | undefined }) {
  const { t } = useTranslation('admin');
  const canUsers = useCan('users:admin');
  const canCatalog = useCan('catalog:write');
  const canSettings = useCan('settings:admin');
  const allowed: Record<Section, boolean> = {
    users: canUsers,
    roles: canUsers,
    categories: canCatalog,
    customers: canCatalog,
    products: canCatalog,
    settings: canSettings,
    checklists: canSettings,
    backups: canSettings,
    // Whoever may administer anything sees the team here (actions narrowed inside); everyone else has #/team.
    team: canUsers || canCatalog || canSettings,
  };
  const visible = SECTIONS.filter((s) => allowed[s]);
  const current = visible.find((s) => s === section) ?? visible[0];

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      {current ? (
        <div className="admin-layout">
          <nav className="admin-nav" aria-label={t('sectionsNav')}>
            {visible.map((s) => (
              <a key={s} className="nav-link" href={hrefFor({ name: 'admin', section: s })} aria-current={s === current ? 'page' : undefined}>
                {t(labelKey(s))}
              </a>
            ))}
          </nav>
          <div className="admin-body">
            <span id="admin-section-title" className="sr-only">
              {t(labelKey(current))}
            </span>
            <Body section={current} />
          </div>
        </div>
      ) : (
        <div className="empty">{t('common:errors.code.FORBIDDEN')}</div>
      )}
    </div>
  );
}
