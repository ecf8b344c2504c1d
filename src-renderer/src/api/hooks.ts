import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { InputOf, OutputOf, ProcedureName } from '../../../src-main/shared/contract';
import { ApiError, callOrThrow } from './client';

/** Query keys start with the procedure name, so invalidating `['users.list']` refreshes every page of it. */
export function useProcedure<K extends ProcedureName>(
  name: K,
  input: InputOf<K>,
  options?: Omit<UseQueryOptions<OutputOf<K>, ApiError>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<OutputOf<K>, ApiError>({
    queryKey: [name, input],
    queryFn: () => callOrThrow(name, input),
    ...options,
  });
}

export function useMutate<K extends ProcedureName>(name: K, invalidates: ProcedureName[] = []) {
  const client = useQueryClient();
  return useMutation<OutputOf<K>, ApiError, InputOf<K>>({
    mutationFn: (input) => callOrThrow(name, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [key] })));
    },
  });
}

/** Puts the core's field errors next to the fields they belong to. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const fieldErrors = error.data.details?.fieldErrors ?? [];
  if (fieldErrors.length === 0) return false;
  form.setFields(
    fieldErrors.map((fe) => ({
      name: fe.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [fe.message],
    })),
  );
  return true;
}
