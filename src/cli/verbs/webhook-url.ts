/** The webhook URL a setup verb registers: the flag's, else PUBLIC_BASE_URL + the route; null if neither. */
export function webhookUrl(
  flag: string | undefined,
  publicBaseUrl: string | null,
  route: string,
): string | null {
  if (flag !== undefined && flag.trim() !== "") return flag.trim();
  return publicBaseUrl === null ? null : `${publicBaseUrl}${route}`;
}
