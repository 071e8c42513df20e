import { Field } from '../../../ui/field.js';
import { Select } from '../../../ui/select.js';
import { useProfiles } from '../../profiles/hooks/use-profile-queries.js';

/**
 * Which profile the app attaches to: `default` (every enabled server) or one of the user's own. Shown only
 * when there is a choice; `problem` is the engine's refusal of the profile (e.g. removed meanwhile).
 */
export function ProfileChoice({ value, onChange, problem }: { value: string; onChange: (profile: string) => void; problem?: string | undefined }) {
  const profiles = useProfiles();
  const names = (profiles.data ?? []).map((profile) => profile.name);
  if (names.length < 2 && !problem) return null;
  const options = (names.includes(value) ? names : [value, ...names]).map((name) => ({
    value: name,
    label: name === 'default' ? 'default (every enabled server)' : name,
    textValue: name,
  }));
  return (
    <Field label="Profile" help="The servers and tools this app sees. Profiles are made on My servers." {...(problem ? { error: problem } : {})}>
      <Select value={value} onValueChange={onChange} options={options} className="w-full sm:w-72" />
    </Field>
  );
}
