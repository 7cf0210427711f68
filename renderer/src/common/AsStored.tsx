import { Button, Code, Group, Stack } from '@mantine/core';
import { useState } from 'react';

/** An item exactly as stored (its JSON, ids and exact types), for IT only: hidden until asked for. */
export function AsStored({ item }: { item: unknown }) {
  const [shown, setShown] = useState(false);
  return (
    <Stack gap={4}>
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setShown(!shown)} aria-expanded={shown}>
          {shown ? 'Hide the item as stored' : 'Show the item as stored (for IT)'}
        </Button>
      </Group>
      {shown ? (
        <Code block fz="xs" aria-label="Item as stored" data-testid="as-stored">
          {JSON.stringify(item, null, 2)}
        </Code>
      ) : null}
    </Stack>
  );
}
