// Parse iCalendar files with ical.js (Mozilla's parser, used by Thunderbird)
// and print what the Python tests check, as JSON: one object per file.
// Usage: node tests/js/parse.mjs FILE...   (exit 1 and a message on a parse error)
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function alarm(component) {
  const trigger = component.getFirstProperty("trigger");
  return {
    action: text(component, "action"),
    trigger: trigger ? String(trigger.getFirstValue()) : null,
    related: trigger ? trigger.getParameter("related") || null : null,
    description: text(component, "description"),
  };
}

function item(component) {
  const start = component.getFirstProperty("dtstart");
  const startValue = start ? start.getFirstValue() : null;
  const due = component.getFirstProperty("due");
  const dueValue = due ? due.getFirstValue() : null;
  const utc = (value) => (value && !value.isDate ? value.toJSDate().toISOString() : null);
  return {
    type: component.name,
    properties: component.getAllProperties().map((p) => p.name),
    subcomponents: component.getAllSubcomponents().map((c) => c.name),
    uid: text(component, "uid"),
    dtstamp: text(component, "dtstamp"),
    created: text(component, "created"),
    last_modified: text(component, "last-modified"),
    sequence: component.getFirstPropertyValue("sequence"),
    status: text(component, "status"),
    class: text(component, "class"),
    summary: text(component, "summary"),
    description: text(component, "description"),
    rrule: text(component, "rrule"),
    dtstart: startValue ? String(startValue) : null,
    dtstart_is_date: startValue ? startValue.isDate : null,
    dtstart_tzid: start ? start.getParameter("tzid") || null : null,
    dtstart_utc: utc(startValue),
    dtend: text(component, "dtend"),
    due: dueValue ? String(dueValue) : null,
    due_is_date: dueValue ? dueValue.isDate : null,
    due_utc: utc(dueValue),
    alarms: component.getAllSubcomponents("valarm").map(alarm),
  };
}

const results = [];
for (const path of process.argv.slice(2)) {
  const source = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(source));
  const zones = calendar.getAllSubcomponents("vtimezone");
  for (const zone of zones) {
    ICAL.TimezoneService.register(zone);
  }
  results.push({
    path,
    name: text(calendar, "name"),
    x_wr_calname: text(calendar, "x-wr-calname"),
    refresh_interval: text(calendar, "refresh-interval"),
    x_published_ttl: text(calendar, "x-published-ttl"),
    version: text(calendar, "version"),
    prodid: text(calendar, "prodid"),
    timezones: zones.map((zone) => text(zone, "tzid")),
    components: calendar
      .getAllSubcomponents()
      .filter((c) => c.name === "vevent" || c.name === "vtodo")
      .map(item),
  });
  for (const zone of zones) {
    ICAL.TimezoneService.remove(text(zone, "tzid"));
  }
}
process.stdout.write(JSON.stringify(results));
