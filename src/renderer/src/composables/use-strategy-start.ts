import type { FormValidationStatus } from 'naive-ui';
import { onMounted, ref, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { ContractError } from '../../../shared/errors';
import type { StrategyId } from '../../../shared/schemas/strategy-ids';
import type { StrategyParam } from '../../../shared/schemas/strategy-params';
import { useApi } from '../api';
import { paramDefaults, paramPaths, type ParamValue } from '../components/strategies/tri-hedge-form-model';
import { useAccountsStore } from '../stores/accounts';
import { useRunsStore } from '../stores/runs';
import { routeIssues } from '../utils/form-issues';
import { useErrorToast } from './use-error-toast';

/** The part of a start form's model this composable fills in: config key → value of every shown parameter. */
export interface StrategyParamsModel {
  params: Record<string, ParamValue>;
}

/** Options of {@link useStrategyStart}. */
export interface StrategyStartOptions {
  /** The parameters of the described ones the form shows (and fills with defaults); all of them by default. */
  shownParams?: (params: readonly StrategyParam[]) => StrategyParam[];
}

/** One submission of a start form, given to `submit`. */
export interface StrategyStartRequest {
  /** The chosen account ids in `runs.start` order; null when a role has none (refused with `required`). */
  accountIds: string[] | null;
  /** Inline message for `accountIds` when an account is missing. */
  required: string;
  /** Inline message for `accountIds` when an account is chosen twice. */
  distinct: string;
  /** The run's config, built from the form and the described parameters. */
  config: (params: readonly StrategyParam[]) => Record<string, unknown>;
  /** Every field path the form shows feedback for. */
  fields: (params: readonly StrategyParam[]) => string[];
  /** The form field a server issue's path names (the path itself by default). */
  issueField?: (path: string) => string;
}

/** Feedback of a form item: `error` status and text when the field has an error, nothing otherwise. */
export interface FieldFeedback {
  status?: FormValidationStatus;
  text?: string;
}

/**
 * The state and actions a strategy start form shares: on mount, loads the accounts (if not yet)
 * and the strategy's parameters (`strategies.describe`, filling `model.params` with their defaults
 * where unset); keeps inline errors per config path; `submit` checks the accounts, starts the run
 * (`runs.start`), opens its page, and shows the server's issues inline on the fields they name
 * (an `accountIds.<n>` issue also on `accountIds`), the others as a toast.
 * Call inside a component's setup.
 */
export function useStrategyStart(strategy: StrategyId, model: Ref<StrategyParamsModel>, options: StrategyStartOptions = {}) {
  const router = useRouter();
  const showError = useErrorToast();
  const accountsStore = useAccountsStore();
  const runsStore = useRunsStore();
  const shown = options.shownParams ?? ((params: readonly StrategyParam[]) => [...params]);

  /** Inline error per config path (`ticker`, `accountIds`, `coinlist.0.symbol`, …). */
  const errors = ref<Record<string, string>>({});
  const submitting = ref(false);
  /** The parameters of the config schema (`strategies.describe`); null until loaded. */
  const params = ref<StrategyParam[] | null>(null);
  /** Why the parameters could not be loaded, if they could not. */
  const paramsError = ref<string | null>(null);

  onMounted(() => {
    if (!accountsStore.loaded) accountsStore.load().catch(showError);
    useApi()
      .invoke('strategies.describe', { strategy })
      .then(({ parameters }) => {
        params.value = parameters;
        model.value.params = { ...paramDefaults(shown(parameters)), ...model.value.params };
      })
      .catch((err: unknown) => {
        paramsError.value = err instanceof Error ? err.message : String(err);
      });
  });

  /** The feedback of the field at `path`. */
  function feedback(path: string): FieldFeedback {
    const error = errors.value[path];
    return error ? { status: 'error', text: error } : {};
  }

  /** Forgets the errors of these paths. */
  function clear(...paths: string[]): void {
    for (const p of paths) delete errors.value[p];
  }

  /** Sets a parameter's value and forgets its errors (a range's ends included). */
  function setParam(param: StrategyParam, value: ParamValue): void {
    model.value.params[param.key] = value;
    clear(...paramPaths(param));
  }

  /** Validates the accounts, starts the run and opens its page; failures end up inline or as a toast. */
  async function submit(request: StrategyStartRequest): Promise<void> {
    errors.value = {};
    const { accountIds } = request;
    if (!accountIds) {
      errors.value = { accountIds: request.required };
      return;
    }
    if (new Set(accountIds).size !== accountIds.length) {
      errors.value = { accountIds: request.distinct };
      return;
    }
    submitting.value = true;
    try {
      const runId = await runsStore.start(strategy, request.config(params.value ?? []), accountIds);
      await router.push(`/runs/${runId}`);
    } catch (err) {
      if (err instanceof ContractError && err.issues?.length) {
        const mapField = request.issueField;
        const issues = mapField ? err.issues.map((i) => ({ ...i, path: mapField(i.path) })) : err.issues;
        const { inline, rest } = routeIssues(issues, request.fields(params.value ?? []));
        errors.value = withAccountIssuesJoined(inline);
        if (rest.length === 0) return;
      }
      showError(err);
    } finally {
      submitting.value = false;
    }
  }

  return { errors, submitting, params, paramsError, feedback, clear, setParam, submit };
}

/** `inline` with the messages of `accountIds.<n>` also joined (`; `, in account order) into `accountIds`. */
function withAccountIssuesJoined(inline: Record<string, string>): Record<string, string> {
  const perAccount = Object.keys(inline)
    .filter((key) => /^accountIds\.\d+$/.test(key))
    .sort((a, b) => Number(a.slice('accountIds.'.length)) - Number(b.slice('accountIds.'.length)));
  if (perAccount.length === 0) return inline;
  return { ...inline, accountIds: [inline.accountIds, ...perAccount.map((key) => inline[key])].filter(Boolean).join('; ') };
}
