import { CloudWatchClient, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { ENTITY_NAMES } from '@shared/models';
import { tableName } from '@shared/tables';
import { backendCredentials } from '@main/aws/clients';
import type { BackendConfig } from '@main/aws/config';

/** The DynamoDB operations the app and its tools send, whose system errors the alarm adds up. */
const OPERATIONS = ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'Scan', 'BatchWriteItem'] as const;
const PERIOD_SECONDS = 300;

export type AlarmOptions = { prefix: string; /** SNS topic told when an alarm fires (and when it clears). */ topicArn?: string };

/**
 * Two alarms per table, raised by any event in five minutes: throttled reads or writes (an on-demand
 * table still throttles past twice its previous peak, or on a hot partition), and DynamoDB's own errors
 * (HTTP 500s; the app retries them, but a run of them is worth knowing).
 */
export function alarmPlan(options: AlarmOptions): PutMetricAlarmCommandInput[] {
  const actions = options.topicArn ? { AlarmActions: [options.topicArn], OKActions: [options.topicArn] } : {};
  const common = {
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold' as const,
    TreatMissingData: 'notBreaching' as const,
    ...actions,
  };
  const metric = (id: string, name: string, dimensions: Record<string, string>) => ({
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: { Namespace: 'AWS/DynamoDB', MetricName: name, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) },
      Period: PERIOD_SECONDS,
      Stat: 'Sum',
    },
  });
  return ENTITY_NAMES.flatMap((entity) => {
    const table = tableName(entity, options.prefix);
    return [
      {
        ...common,
        AlarmName: `${table}-throttled-requests`,
        AlarmDescription: `PilotForce: reads or writes of ${table} were throttled`,
        Metrics: [
          metric('reads', 'ReadThrottleEvents', { TableName: table }),
          metric('writes', 'WriteThrottleEvents', { TableName: table }),
          { Id: 'throttled', Expression: 'FILL(reads, 0) + FILL(writes, 0)', Label: 'throttled requests', ReturnData: true },
        ],
      },
      {
        ...common,
        AlarmName: `${table}-system-errors`,
        AlarmDescription: `PilotForce: DynamoDB answered requests on ${table} with server errors`,
        Metrics: [
          ...OPERATIONS.map((operation, i) => metric(`op${i}`, 'SystemErrors', { TableName: table, Operation: operation })),
          { Id: 'errors', Expression: OPERATIONS.map((_, i) => `FILL(op${i}, 0)`).join(' + '), Label: 'system errors', ReturnData: true },
        ],
      },
    ];
  });
}

export type AlarmStep = { alarm: string; status: 'created or updated' | 'planned' | 'not supported locally' };

/**
 * Creates or updates the alarms (PutMetricAlarm replaces an alarm of the same name, so running it again
 * changes nothing). A local backend has no CloudWatch: the plan is printed and nothing is sent.
 */
export async function provisionAlarms(config: BackendConfig, options: AlarmOptions & { dryRun?: boolean; log: (line: string) => void }): Promise<AlarmStep[]> {
  const plan = alarmPlan(options);
  const local = config.endpoint !== undefined;
  if (local || options.dryRun) {
    const status = local ? 'not supported locally' : 'planned';
    return plan.map((alarm) => {
      options.log(`alarm ${alarm.AlarmName ?? ''}: ${status}`);
      return { alarm: alarm.AlarmName ?? '', status };
    });
  }
  const credentials = backendCredentials(config);
  const cloudwatch = new CloudWatchClient({ region: config.region, ...(credentials ? { credentials } : {}) });
  try {
    const steps: AlarmStep[] = [];
    for (const alarm of plan) {
      await cloudwatch.send(new PutMetricAlarmCommand(alarm));
      options.log(`alarm ${alarm.AlarmName ?? ''}: created or updated`);
      steps.push({ alarm: alarm.AlarmName ?? '', status: 'created or updated' });
    }
    return steps;
  } finally {
    cloudwatch.destroy();
  }
}
