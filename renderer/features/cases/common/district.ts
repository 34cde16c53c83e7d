// The district of the institution's address (安徽省芜湖市镜湖区… → 镜湖区): what the intake and the
// case's statistics details offer for "where the dispute arose" (the statistical report). The
// institution's registered area (its districts) comes with the bureau's registration on the
// center server; until then its own district is the suggestion, and any other can be typed.
export function districtOfAddress(address: string): string | null {
  return /[省市州]([^省市州区县旗]{1,8}?[区县旗])/u.exec(address)?.[1] ?? null;
}
