import { parseDateTime } from './datetime.js';
import type { LocationAddress, Micros } from './records.js';

/** A seeded guide's fixed facts: ids and dates are stable so docs' sample ids keep working. */
export interface GuidePlan {
  id: number;
  name: string;
  shortName: string;
  timezone: string;
  /** UTC offset during the event, hours (only used to place sessions in local working hours). */
  utcOffsetHours: number;
  firstDay: string;
  days: number;
  owner: number;
  category: number[];
  attendeesEstimate: number | null;
  createdAt: string;
  venue: { name: string; latitude: number; longitude: number; address: LocationAddress };
}

/**
 * Guides 1, 18, 19, 42 and 43 are referenced by the docs' samples; 47 by the docs' filter
 * examples (`sessions/?guide=47`).
 */
export const GUIDE_PLANS: readonly GuidePlan[] = [
  {
    id: 1,
    name: 'DevWorld Conference 2017',
    shortName: 'devworld17',
    timezone: 'US/Pacific',
    utcOffsetHours: -7,
    firstDay: '2017-09-18',
    days: 3,
    owner: 412,
    category: [3],
    attendeesEstimate: 2400,
    createdAt: '2017-03-02T17:41:09.318207',
    venue: {
      name: 'Moscone Center',
      latitude: 37.784172,
      longitude: -122.401558,
      address: { address: 'Moscone Center', city: 'San Francisco', country: 'U.S.A.', state: 'CA', street: '747 Howard Street', zipcode: '94103' },
    },
  },
  {
    id: 18,
    name: 'Global Sales Kickoff 2018',
    shortName: 'gsko18',
    timezone: 'US/Eastern',
    utcOffsetHours: -5,
    firstDay: '2018-01-22',
    days: 3,
    owner: 97,
    category: [5],
    attendeesEstimate: 800,
    createdAt: '2017-10-11T14:02:51.774310',
    venue: {
      name: 'Javits Center',
      latitude: 40.757498,
      longitude: -74.002586,
      address: { address: 'Jacob K. Javits Convention Center', city: 'New York', country: 'U.S.A.', state: 'NY', street: '429 11th Avenue', zipcode: '10001' },
    },
  },
  {
    id: 19,
    name: 'Marketing Leadership Summit 2018',
    shortName: 'mls18',
    timezone: 'America/Chicago',
    utcOffsetHours: -6,
    firstDay: '2018-03-05',
    days: 2,
    owner: 97,
    category: [5, 8],
    attendeesEstimate: 350,
    createdAt: '2017-11-20T09:15:00.120044',
    venue: {
      name: 'McCormick Place',
      latitude: 41.851665,
      longitude: -87.616959,
      address: { address: 'McCormick Place West', city: 'Chicago', country: 'U.S.A.', state: 'IL', street: '2301 S King Drive', zipcode: '60616' },
    },
  },
  {
    id: 42,
    name: 'Programmer Summit 2017',
    shortName: 'progsummit17',
    timezone: 'US/Pacific',
    utcOffsetHours: -7,
    firstDay: '2017-09-18',
    days: 2,
    owner: 412,
    category: [3],
    attendeesEstimate: 1500,
    createdAt: '2017-05-28T21:53:31.010760',
    venue: {
      name: 'San Jose McEnery Convention Center',
      latitude: 37.329212,
      longitude: -121.888682,
      address: {
        address: 'San Jose McEnery Convention Center',
        city: 'San Jose',
        country: 'U.S.A.',
        state: 'CA',
        street: '150 W San Carlos Street',
        zipcode: '95113',
      },
    },
  },
  {
    id: 43,
    name: 'Open Source Leadership Forum 2017',
    shortName: 'oslf17',
    timezone: 'US/Mountain',
    utcOffsetHours: -6,
    firstDay: '2017-09-18',
    days: 2,
    owner: 412,
    category: [3, 7],
    attendeesEstimate: null,
    createdAt: '2017-06-14T16:30:12.500981',
    venue: {
      name: 'Colorado Convention Center',
      latitude: 39.742043,
      longitude: -104.996155,
      address: { address: 'Colorado Convention Center', city: 'Denver', country: 'U.S.A.', state: 'CO', street: '700 14th Street', zipcode: '80202' },
    },
  },
  {
    id: 47,
    name: 'Cloud Native Summit 2025',
    shortName: 'cns25',
    timezone: 'Europe/Berlin',
    utcOffsetHours: 2,
    firstDay: '2025-05-12',
    days: 3,
    owner: 47,
    category: [3],
    attendeesEstimate: 3200,
    createdAt: '2024-11-04T08:12:44.903112',
    venue: {
      name: 'Messe Berlin',
      latitude: 52.50357,
      longitude: 13.27164,
      address: { address: 'Messe Berlin', city: 'Berlin', country: 'Germany', state: 'Berlin', street: 'Messedamm 22', zipcode: '14055' },
    },
  },
];

/** UTC instant of local midnight starting day `dayIndex` of a guide's event. */
export function localMidnight(plan: GuidePlan, dayIndex: number): Micros {
  const midnightUtc = parseDateTime(`${plan.firstDay}T00:00:00`) as Micros;
  return midnightUtc + dayIndex * 86_400_000_000 - plan.utcOffsetHours * 3_600_000_000;
}
