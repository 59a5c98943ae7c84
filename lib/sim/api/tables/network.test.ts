import { describe, expect, it } from 'vitest';
import type { KObject } from '../../store/types';
import { endpointSlicePrinter, servicePrinter } from './network';

const now = Date.parse('2026-01-01T00:00:00Z');
const created = '2025-12-31T23:59:00Z'; // 60s before now

function svc(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: created },
    spec,
    status,
  };
}

describe('services', () => {
  it('prints a ClusterIP service', () => {
    const s = svc({
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
      selector: { 'k8s-app': 'kube-dns' },
    });
    expect(servicePrinter.row(s, now).cells).toEqual([
      'web',
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '53/UDP,9153/TCP',
      '60s',
      'k8s-app=kube-dns',
    ]);
  });

  it('prints node ports, external IPs and a missing selector', () => {
    const s = svc({
      type: 'NodePort',
      clusterIPs: ['10.96.3.4'],
      externalIPs: ['192.0.2.1', '192.0.2.2'],
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
    });
    expect(servicePrinter.row(s, now).cells).toEqual([
      'web',
      'NodePort',
      '10.96.3.4',
      '192.0.2.1,192.0.2.2',
      '80:30080/TCP',
      '60s',
      '<none>',
    ]);
  });

  it('prints a headless service without ports', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] });
    expect(servicePrinter.row(s, now).cells.slice(1, 5)).toEqual([
      'ClusterIP',
      'None',
      '<none>',
      '<none>',
    ]);
  });

  it('prints <pending> for a load balancer without ingress, else its sorted addresses', () => {
    const spec = {
      type: 'LoadBalancer',
      clusterIPs: ['10.96.0.5'],
      ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
    };
    expect(servicePrinter.row(svc(spec), now).cells[3]).toBe('<pending>');
    const status = {
      loadBalancer: {
        ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.9' }],
      },
    };
    expect(servicePrinter.row(svc(spec, status), now).cells[3]).toBe('203.0.113.9,lb.example.com');
    const withExternal = { ...spec, externalIPs: ['192.0.2.7'] };
    expect(servicePrinter.row(svc(withExternal, status), now).cells[3]).toBe(
      '203.0.113.9,lb.example.com,192.0.2.7',
    );
  });

  it('prints the external name, and <none> cluster IP, for ExternalName services', () => {
    const s = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(servicePrinter.row(s, now).cells.slice(1, 5)).toEqual([
      'ExternalName',
      '<none>',
      'db.example.com',
      '<none>',
    ]);
  });

  it('prints an undefaulted service as its defaulted form would', () => {
    const s = svc({ clusterIP: '10.96.0.20', ports: [{ port: 8080 }] });
    expect(servicePrinter.row(s, now).cells.slice(1, 5)).toEqual([
      'ClusterIP',
      '10.96.0.20',
      '<none>',
      '8080/TCP',
    ]);
  });
});

describe('endpointslices', () => {
  function slice(fields: Record<string, unknown>): KObject {
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc12', namespace: 'default', creationTimestamp: created },
      addressType: 'IPv4',
      ...fields,
    };
  }

  it('prints ports and endpoint addresses', () => {
    const s = slice({
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.7'] }],
    });
    expect(endpointSlicePrinter.row(s, now).cells).toEqual([
      'web-abc12',
      'IPv4',
      '80',
      '10.244.1.5,10.244.2.7',
      '60s',
    ]);
  });

  it('caps lists at three with "+ N more..."', () => {
    const s = slice({
      ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }],
      endpoints: ['a', 'b', 'c', 'd'].map((x) => ({ addresses: [`10.0.0.${x}`] })),
    });
    const cells = endpointSlicePrinter.row(s, now).cells;
    expect(cells[2]).toBe('1,2,3 + 2 more...');
    expect(cells[3]).toBe('10.0.0.a,10.0.0.b,10.0.0.c + 1 more...');
  });

  it('prints named and all-ports entries, and <unset> for empty lists', () => {
    const s = slice({ ports: [{ name: 'http' }, {}], endpoints: [] });
    expect(endpointSlicePrinter.row(s, now).cells.slice(2, 4)).toEqual(['http,*', '<unset>']);
    expect(endpointSlicePrinter.row(slice({}), now).cells.slice(2, 4)).toEqual([
      '<unset>',
      '<unset>',
    ]);
  });
});
