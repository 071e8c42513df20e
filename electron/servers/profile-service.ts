import { SwitchyardError } from '../../shared/errors.js';
import { profilePath } from '../../shared/gateway-endpoint.js';
import type { Profile } from '../../shared/profile-types.js';
import { defaultProfileName, profileNamePattern, type ProfileSettings, type Settings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { unknownServer } from './server-errors.js';

/**
 * Changes to profiles that the CLI and the control API both offer, written to settings.json (a running gateway
 * follows the file, and only the sessions of a changed profile hear list_changed). `default` is built in: every
 * enabled server; it cannot be changed or removed.
 */
export class ProfileService {
  constructor(private readonly store: SettingsStore) {}

  list(): Profile[] {
    const { settings } = this.store.load();
    return [defaultProfileView(settings), ...Object.keys(settings.profiles).map((name) => profileView(settings, name))];
  }

  get(name: string): Profile {
    const { settings } = this.store.load();
    if (name === defaultProfileName) return defaultProfileView(settings);
    return profileView(settings, this.existingName(settings, name));
  }

  create(name: string, input: { description?: string; dynamic?: boolean; servers?: string[] } = {}): Profile {
    checkProfileName(name);
    this.store.update((settings) => {
      if (settings.profiles[name]) throw new SwitchyardError('INVALID_INPUT', `A profile named "${name}" exists already.`, undefined, { profile: name });
      for (const server of input.servers ?? []) checkMember(settings, server);
      settings.profiles[name] = {
        ...(input.description ? { description: input.description } : {}),
        servers: Object.fromEntries((input.servers ?? []).map((server) => [server, {}])),
        deny: [],
        dynamic: input.dynamic ?? false,
      };
    });
    return this.get(name);
  }

  remove(name: string): void {
    this.change(name, (settings) => {
      delete settings.profiles[name];
    });
  }

  update(name: string, input: { description?: string; dynamic?: boolean }): Profile {
    return this.change(name, (_settings, profile) => {
      if (input.dynamic !== undefined) profile.dynamic = input.dynamic;
      if (input.description !== undefined) profile.description = input.description;
    });
  }

  /** Adds a configured server to a profile (every tool, until an allow-list narrows them). */
  addServer(name: string, server: string): Profile {
    return this.change(name, (settings, profile) => {
      checkMember(settings, server);
      profile.servers[server] ??= {};
    });
  }

  removeServer(name: string, server: string): Profile {
    return this.change(name, (_settings, profile) => {
      memberOf(profile, name, server, true);
      delete profile.servers[server];
    });
  }

  /** Narrows a member's tools to `allow`; null lifts the allow-list (every tool again). */
  setTools(name: string, server: string, allow: string[] | null): Profile {
    return this.change(name, (_settings, profile) => {
      const member = memberOf(profile, name, server);
      if (allow === null) delete member.allow;
      else member.allow = [...new Set(allow)];
    });
  }

  /**
   * Lists a member's tools again, or keeps them out of tools/list (`listed: false`), where its clients reach them
   * with call_tool. Only a dynamic profile offers call_tool: elsewhere unlisted tools could not be reached at all.
   */
  setListed(name: string, server: string, listed: boolean): Profile {
    return this.change(name, (_settings, profile) => {
      const member = memberOf(profile, name, server);
      if (!listed && !profile.dynamic) {
        throw new SwitchyardError(
          'INVALID_INPUT',
          `Profile "${name}" has no on-demand tools, so its clients could not reach the tools of an unlisted server.`,
          `Turn them on first: switchyard profile update ${name} --dynamic`,
          { profile: name, server, field: 'listed' },
        );
      }
      if (listed) delete member.listed;
      else member.listed = false;
    });
  }

  private change(name: string, edit: (settings: Settings, profile: ProfileSettings) => void): Profile {
    let removed = false;
    this.store.update((settings) => {
      const profile = settings.profiles[this.existingName(settings, name)]!;
      edit(settings, profile);
      removed = settings.profiles[name] === undefined;
    });
    return removed ? defaultProfileView(this.store.load().settings) : this.get(name);
  }

  private existingName(settings: Settings, name: string): string {
    if (name === defaultProfileName) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `The "${defaultProfileName}" profile is every enabled server; it cannot be changed.`,
        'Create a profile of your own: switchyard profile create NAME',
        {
          profile: name,
        },
      );
    }
    if (!settings.profiles[name]) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `No profile named "${name}".`,
        `Profiles: ${[defaultProfileName, ...Object.keys(settings.profiles)].join(', ')}.`,
        {
          profile: name,
          profiles: [defaultProfileName, ...Object.keys(settings.profiles)],
        },
      );
    }
    return name;
  }
}

export function checkProfileName(name: string): void {
  if (name === defaultProfileName)
    throw new SwitchyardError('INVALID_INPUT', `"${defaultProfileName}" is built in; give the profile another name.`, undefined, { field: 'name' });
  if (!profileNamePattern.test(name)) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `"${name}" is not a profile name.`,
      'Use lower-case letters, digits, - and _ (at most 63), starting with a letter or digit.',
      {
        field: 'name',
      },
    );
  }
}

/**
 * A member of a profile, or the one refusal for a server that is not in it (with the profile's members). Removing
 * such a server has nothing to add first: its hint lists the members instead.
 */
function memberOf(profile: ProfileSettings, name: string, server: string, removing = false): ProfileSettings['servers'][string] {
  const member = profile.servers[server];
  if (member) return member;
  const members = Object.keys(profile.servers);
  const hint = removing ? `Its servers: ${members.join(', ') || 'none'}.` : `Add it first: switchyard profile server add ${name} ${server}`;
  throw new SwitchyardError('SERVER_NOT_FOUND', `Server "${server}" is not in profile "${name}".`, hint, { profile: name, server, members });
}

/** A profile's members come from the configured servers (an enabled one is served at once, a disabled one once enabled). */
function checkMember(settings: Settings, server: string): void {
  if (!settings.servers[server]) throw unknownServer(server, settings);
}

function defaultProfileView(settings: Settings): Profile {
  return {
    name: defaultProfileName,
    builtIn: true,
    description: 'Every enabled server',
    dynamic: false,
    servers: Object.entries(settings.servers)
      .filter(([, server]) => server.enabled)
      .map(([name]) => ({ name, enabled: true })),
    deny: [],
    path: profilePath(defaultProfileName),
  };
}

function profileView(settings: Settings, name: string): Profile {
  const profile = settings.profiles[name]!;
  return {
    name,
    builtIn: false,
    ...(profile.description ? { description: profile.description } : {}),
    dynamic: profile.dynamic,
    servers: Object.entries(profile.servers).map(([server, member]) => ({
      name: server,
      ...(member.allow ? { allow: member.allow } : {}),
      ...(member.listed === false ? { listed: false } : {}),
      enabled: settings.servers[server]?.enabled === true,
    })),
    deny: profile.deny,
    path: profilePath(name),
  };
}
