package org.quorate.server.feeds;

import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * Writes feed entries as an RFC 5545 calendar, times in Europe/London (with its VTIMEZONE). Pure: no
 * Vert.x types. Run it off the event loop: ical4j reads its time-zone data from the classpath.
 */
public final class IcsCalendar {
  public static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final TimeZoneRegistry REGISTRY = TimeZoneRegistryFactory.getInstance().createRegistry();

  private IcsCalendar() {}

  public static String write(String name, List<FeedEntry> entries) {
    TimeZone london = REGISTRY.getTimeZone(LONDON.getId());
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Quorate//Calendar feed//EN"));
    calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
    calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
    calendar.add(new XProperty("X-WR-CALNAME", name));
    calendar.add(new XProperty("X-WR-TIMEZONE", LONDON.getId()));
    calendar.add(london.getVTimeZone());
    for (FeedEntry e : entries) {
      calendar.add(event(e));
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static VEvent event(FeedEntry e) {
    VEvent event = e.day() != null ? new VEvent(e.day(), e.summary())
        : e.end() == null ? new VEvent(e.start().atZone(LONDON), e.summary())
        : new VEvent(e.start().atZone(LONDON), e.end().atZone(LONDON), e.summary());
    event.add(new Uid(e.uid()));
    event.replace(new DtStamp(e.modified()));
    event.add(new LastModified(e.modified()));
    event.add(new Created(e.created()));
    event.add(new Sequence(e.sequence()));
    if (e.description() != null) {
      event.add(new Description(e.description()));
    }
    event.add(new Status(e.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
    return event;
  }
}
