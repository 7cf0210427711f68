import { describe, expect, it } from 'vitest';
import { alarmPlan, provisionAlarms } from '@main/ops/alarms';
import { BackendConfigSchema } from '@main/aws/config';

describe('CloudWatch alarms', () => {
  const plan = alarmPlan({ prefix: 'prod-' });

  it('plans a throttling and a system-errors alarm for each table', () => {
    expect(plan.map((alarm) => alarm.AlarmName)).toEqual([
      'prod-PilotForce-Resources-throttled-requests',
      'prod-PilotForce-Resources-system-errors',
      'prod-PilotForce-Users-throttled-requests',
      'prod-PilotForce-Users-system-errors',
      'prod-PilotForce-Bookings-throttled-requests',
      'prod-PilotForce-Bookings-system-errors',
      'prod-PilotForce-Assets-throttled-requests',
      'prod-PilotForce-Assets-system-errors',
    ]);
    for (const alarm of plan) {
      expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching', EvaluationPeriods: 1 });
      const table = alarm.AlarmName?.replace(/-(throttled-requests|system-errors)$/, '');
      // Every metric is of this alarm's table, in DynamoDB's namespace.
      for (const query of alarm.Metrics ?? []) {
        if (!query.MetricStat) continue;
        expect(query.MetricStat.Metric?.Namespace).toBe('AWS/DynamoDB');
        expect(query.MetricStat.Metric?.Dimensions).toContainEqual({ Name: 'TableName', Value: table });
      }
    }
  });

  it('fits what PutMetricAlarm accepts: at most 10 queries, one returned expression over every metric', () => {
    for (const alarm of plan) {
      const queries = alarm.Metrics ?? [];
      expect(queries.length).toBeLessThanOrEqual(10);
      const returned = queries.filter((query) => query.ReturnData);
      expect(returned).toHaveLength(1);
      const ids = queries.filter((query) => query.MetricStat).map((query) => query.Id ?? '');
      for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      // The expression uses each metric, so no operation's errors are left out of the sum.
      for (const id of ids) expect(returned[0]?.Expression).toMatch(new RegExp(`\\b${id}\\b`));
      expect((alarm.AlarmName ?? '').length).toBeLessThanOrEqual(255);
    }
    const errors = plan.find((alarm) => alarm.AlarmName?.endsWith('system-errors'));
    expect(errors?.Metrics?.flatMap((query) => query.MetricStat?.Metric?.Dimensions?.filter((d) => d.Name === 'Operation').map((d) => d.Value) ?? [])).toEqual([
      'GetItem',
      'PutItem',
      'UpdateItem',
      'Query',
      'Scan',
      'BatchWriteItem',
    ]);
  });

  it('notifies the given SNS topic when an alarm fires and when it clears', () => {
    const topic = 'arn:aws:sns:eu-west-1:123456789012:pilotforce-ops';
    for (const alarm of alarmPlan({ prefix: '', topicArn: topic })) {
      expect(alarm.AlarmActions).toEqual([topic]);
      expect(alarm.OKActions).toEqual([topic]);
    }
    expect(plan[0]).not.toHaveProperty('AlarmActions');
  });

  it('on a local endpoint prints the plan as not supported locally and sends nothing', async () => {
    const lines: string[] = [];
    // Nothing listens on this endpoint: a request would fail the test.
    const local = BackendConfigSchema.parse({ endpoint: 'http://127.0.0.1:9' });
    const steps = await provisionAlarms(local, { prefix: 'dev-', log: (line) => lines.push(line) });
    expect(steps).toHaveLength(8);
    expect(steps.every((step) => step.status === 'not supported locally')).toBe(true);
    expect(lines[0]).toBe('alarm dev-PilotForce-Resources-throttled-requests: not supported locally');
  });

  it('a dry run on AWS plans and sends nothing', async () => {
    const aws = BackendConfigSchema.parse({ region: 'eu-west-1' });
    const steps = await provisionAlarms(aws, { prefix: 'prod-', dryRun: true, log: () => undefined });
    expect(steps.map((step) => step.status)).toEqual(Array(8).fill('planned'));
  });
});
