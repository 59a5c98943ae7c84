/** printService and printEndpointSlice of upstream's printers.go. */
import type { KObject } from '../../store/types';
import { endpointSliceDoc, metaDoc, serviceDoc } from './docs';
import { translateTimestampSince } from './duration';
import { formatLabels, listWithMore } from './format';
import { int, isSet, list, rec, str, strings } from './read';
import { column, type Printer } from './types';

const nameColumn = column('Name', 'string', metaDoc.name, { format: 'name' });
const ageColumn = column('Age', 'string', metaDoc.creationTimestamp);

/**
 * `loadBalancerStatusStringer` with `wide` set, as the server always prints: ingress IPs
 * (else hostnames), de-duplicated and sorted, never clipped.
 */
function loadBalancerIngress(status: Record<string, unknown>): string[] {
  const seen = new Set<string>();
  for (const ing of list(rec(status.loadBalancer).ingress)) {
    const value = str(ing.ip) !== '' ? str(ing.ip) : str(ing.hostname);
    if (value !== '') seen.add(value);
  }
  return [...seen].sort();
}

/** `getServiceExternalIP`: what EXTERNAL-IP shows for each service type. */
function externalIP(
  type: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
): string {
  const externalIPs = strings(spec.externalIPs);
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(status);
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** `makePortString`: `80/TCP`, or `80:30080/TCP` with a node port. */
function portsString(ports: unknown): string {
  return list(ports)
    .map((p) => {
      // Protocol defaults to TCP on admission; an undefaulted port prints as upstream would see it.
      const protocol = str(p.protocol) !== '' ? str(p.protocol) : 'TCP';
      const nodePort = int(p.nodePort);
      return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

/** Services: Name, Type, Cluster-IP, External-IP, Port(s), Age; wide Selector. */
export const servicePrinter: Printer = {
  columns: [
    nameColumn,
    column('Type', 'string', serviceDoc.type),
    column('Cluster-IP', 'string', serviceDoc.clusterIP),
    column('External-IP', 'string', serviceDoc.externalIPs),
    column('Port(s)', 'string', serviceDoc.ports),
    ageColumn,
    column('Selector', 'string', serviceDoc.selector, { priority: 1 }),
  ],
  row(svc: KObject, now: number) {
    const spec = rec(svc.spec);
    // Both are defaulted on admission (type ClusterIP; clusterIPs from clusterIP by the
    // v1→internal conversion), so undefaulted input prints as the stored object would.
    const type = str(spec.type) !== '' ? str(spec.type) : 'ClusterIP';
    const clusterIP = strings(spec.clusterIPs)[0] ?? str(spec.clusterIP);
    const ports = portsString(spec.ports);
    return {
      cells: [
        svc.metadata.name ?? '',
        type,
        clusterIP === '' ? '<none>' : clusterIP,
        externalIP(type, spec, rec(svc.status)),
        ports === '' ? '<none>' : ports,
        translateTimestampSince(svc.metadata.creationTimestamp, now),
        formatLabels(spec.selector),
      ],
    };
  },
};

/** `formatDiscoveryPorts`: port numbers, else names, else `*` (all ports). */
function discoveryPorts(ports: unknown): string {
  return listWithMore(
    list(ports).map((p) =>
      isSet(p.port) ? String(int(p.port)) : isSet(p.name) ? str(p.name) : '*',
    ),
  );
}

/** `formatDiscoveryEndpoints`: every address of every endpoint, three at most. */
function discoveryEndpoints(endpoints: unknown): string {
  return listWithMore(list(endpoints).flatMap((e) => strings(e.addresses)));
}

/** EndpointSlices: Name, AddressType, Ports, Endpoints, Age. */
export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn,
    column('AddressType', 'string', endpointSliceDoc.addressType),
    column('Ports', 'string', endpointSliceDoc.ports),
    column('Endpoints', 'string', endpointSliceDoc.endpoints),
    ageColumn,
  ],
  row(slice, now) {
    return {
      cells: [
        slice.metadata.name ?? '',
        str(slice.addressType),
        discoveryPorts(slice.ports),
        discoveryEndpoints(slice.endpoints),
        translateTimestampSince(slice.metadata.creationTimestamp, now),
      ],
    };
  },
};
