// Clients that are part of macOS, by bundle id or path.
export const isApple = (client: string) => /^com\.apple\./i.test(client) || /^\/(System|usr\/libexec|usr\/bin|usr\/sbin|bin|sbin)\//.test(client);
