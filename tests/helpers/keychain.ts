import keytar from 'keytar';

/** Deletes every credential stored under a test keychain service. */
export async function clearKeychainService(service: string): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
}

/** Reads a credential straight from the OS keychain (tests only: the app has no such path to the renderer). */
export function readKeychain(service: string, account: string): Promise<string | null> {
  return keytar.getPassword(service, account);
}

/** The keychain account names stored under a test service. */
export async function listKeychain(service: string): Promise<{ account: string }[]> {
  return (await keytar.findCredentials(service)).map(({ account }) => ({ account }));
}
