/**
 * TLS facts for the security rules. Cipher-string words (OpenSSL ciphers(1) names, as in `ssl.cipher-list` and
 * `ssl.openssl.ssl-conf-cmd` "CipherString") that select broken or unauthenticated suites, and the protocol
 * names below TLS 1.2 (RFC 8996 deprecates TLS 1.0 and 1.1; SSLv2 and SSLv3 are broken).
 */
export const weakCipherWords: readonly string[] = ['NULL', 'eNULL', 'aNULL', 'EXPORT', 'EXP', 'RC4', 'DES', '3DES', 'DES-CBC3', 'MD5', 'RC2', 'IDEA', 'SEED', 'ADH', 'AECDH', 'LOW'];

/** `MinProtocol` values that allow a protocol older than TLS 1.2. */
export const weakTlsProtocols: readonly string[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.0', 'TLSv1.1', 'None'];

/** Boolean TLS switches whose enabled (or, for `honorCipherOrder: false`, disabled) value weakens TLS (lighttpd < 1.4.68). */
export const weakTlsSwitches: Readonly<Record<string, { readonly weakWhen: boolean; readonly effect: string }>> = {
  'ssl.use-sslv2': { weakWhen: true, effect: 'allows SSLv2, broken since 1996 (DROWN)' },
  'ssl.use-sslv3': { weakWhen: true, effect: 'allows SSLv3, broken by POODLE' },
  'ssl.honor-cipher-order': { weakWhen: false, effect: 'lets the client pick the cipher, so a weak one it prefers wins' },
};
