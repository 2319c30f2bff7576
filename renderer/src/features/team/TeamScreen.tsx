// Equipo on its own (#/team): for members who do not see Administración, e.g. a technician carrying their week by file.
import { useTranslation } from 'react-i18next';
import '../admin/admin.css';
import { TeamSection } from './TeamSection';

export default function TeamScreen() {
  const { t } = useTranslation('team');
  return (
    <div className="page">
      <header className="page-header">
        <h1 id="team-screen-title">{t('section')}</h1>
      </header>
      <div className="page-body">
        <TeamSection standalone />
      </div>
    </div>
  );
}
