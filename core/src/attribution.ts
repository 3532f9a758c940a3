// Credit that a source asks for, shown with every ad from it (RemoteOK's legal notice, Jobicy's
// terms). Source modules and the API both read it from here.
export const SOURCE_ATTRIBUTION: Record<string, string> = {
  remoteok: 'Jobs from Remote OK (https://remoteok.com)',
  jobicy: 'Jobs from Jobicy (https://jobicy.com)',
}
