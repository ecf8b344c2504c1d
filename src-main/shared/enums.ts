export const institutionNatures = ['public', 'private', 'publicPrivate'] as const;
export type InstitutionNature = (typeof institutionNatures)[number];
export const institutionNatureLabels: Record<InstitutionNature, { zh: string; en: string }> = {
  public: { zh: '公办', en: 'Public' },
  private: { zh: '民办', en: 'Private' },
  publicPrivate: { zh: '公建民营', en: 'Publicly built, privately run' },
};
