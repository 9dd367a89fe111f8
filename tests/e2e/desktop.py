#!/usr/bin/python3
"""The desktop's side of the end-to-end tests, on the test's private session bus and X display.

Run with Debian's /usr/bin/python3 (python3-gi, python3-dbusmock). Subcommands:

  notify-calls                 JSON list of the Notify calls the notification daemon double got
  notify-act ID ACTION         the user clicks a toast (ACTION "default") or one of its buttons
  launcher-signals             prints a JSON line for each Unity LauncherEntry Update signal on the bus
                               (what a dock reads): {"uri", "count", "visible"}
  file-manager-setup           gives the FileManager1 double (python3-dbusmock) its ShowItems method
  file-manager-calls           JSON list of the URI lists ShowItems was called with
  tray-watcher                 a StatusNotifierWatcher double: prints one JSON line when an item
                               registers, then reads commands on standard input, one per line:
                               `menu` prints the item's label and menu entries as JSON;
                               `click TEXT` clicks the entry labelled TEXT, or else the first
                               whose label starts with TEXT
  close-window TITLE           what a window manager does on the close button: WM_DELETE_WINDOW
  viewable TITLE               prints `yes` if the window is mapped and viewable, else `no`
  keys NAME...                 real key presses through XTest, each an X keysym name (space, 1, Return)
  drop URI X Y                 a real XDND drag: a GTK source window offers URI as text/uri-list,
                               XTest presses on it, moves onto (X, Y) in steps and releases there
"""
import ctypes
import json
import os
import subprocess
import sys
import time

import gi

gi.require_version("Gio", "2.0")
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf, Gio, GLib  # noqa: E402

NOTIFY = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications")


def bus():
    return Gio.bus_get_sync(Gio.BusType.SESSION, None)


def notify_calls():
    reply = bus().call_sync(*NOTIFY, "org.freedesktop.DBus.Mock", "GetMethodCalls", GLib.Variant("(s)", ("Notify",)),
                            None, 0, 5000, None)
    calls = []
    for _stamp, args in reply.unpack()[0]:
        app, replaces, icon, title, body, actions, _hints, timeout = args
        pairs = [{"id": actions[i], "label": actions[i + 1]} for i in range(0, len(actions) - 1, 2)]
        calls.append({"app": app, "title": title, "body": body, "actions": pairs})
    print(json.dumps(calls, ensure_ascii=False))


def notify_act(server_id, action):
    args = GLib.Variant("(sssav)", ("org.freedesktop.Notifications", "ActionInvoked", "us",
                                    [GLib.Variant("u", int(server_id)), GLib.Variant("s", action)]))
    bus().call_sync(*NOTIFY, "org.freedesktop.DBus.Mock", "EmitSignal", args, None, 0, 5000, None)


def launcher_signals():
    def on_signal(_conn, _sender, _path, _iface, _signal, params):
        uri, props = params.unpack()
        print(json.dumps({"uri": uri, "count": props.get("count"), "visible": props.get("count-visible")}), flush=True)

    conn = bus()
    conn.signal_subscribe(None, "com.canonical.Unity.LauncherEntry", "Update", None, None, Gio.DBusSignalFlags.NONE, on_signal)
    print(json.dumps({"listening": True}), flush=True)
    GLib.MainLoop().run()


FILE_MANAGER = ("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1")


def file_manager_setup():
    args = GLib.Variant("(sssss)", ("org.freedesktop.FileManager1", "ShowItems", "ass", "", ""))
    bus().call_sync(*FILE_MANAGER, "org.freedesktop.DBus.Mock", "AddMethod", args, None, 0, 5000, None)


def file_manager_calls():
    reply = bus().call_sync(*FILE_MANAGER, "org.freedesktop.DBus.Mock", "GetMethodCalls", GLib.Variant("(s)", ("ShowItems",)),
                            None, 0, 5000, None)
    print(json.dumps([list(args[0]) for _stamp, args in reply.unpack()[0]], ensure_ascii=False))


WATCHER_XML = """<node><interface name='org.kde.StatusNotifierWatcher'>
<method name='RegisterStatusNotifierItem'><arg type='s' name='service' direction='in'/></method>
<method name='RegisterStatusNotifierHost'><arg type='s' name='service' direction='in'/></method>
<property name='RegisteredStatusNotifierItems' type='as' access='read'/>
<property name='IsStatusNotifierHostRegistered' type='b' access='read'/>
<property name='ProtocolVersion' type='i' access='read'/>
<signal name='StatusNotifierItemRegistered'><arg type='s'/></signal></interface></node>"""


def tray_watcher():
    loop = GLib.MainLoop()
    items = []

    def item_prop(conn, prop):
        sender, path = items[-1]
        reply = conn.call_sync(sender, path, "org.freedesktop.DBus.Properties", "Get",
                               GLib.Variant("(ss)", ("org.kde.StatusNotifierItem", prop)), None, 0, 5000, None)
        return reply.unpack()[0]

    def entries(conn):
        sender, _ = items[-1]
        menu = item_prop(conn, "Menu")
        _rev, layout = conn.call_sync(sender, menu, "com.canonical.dbusmenu", "GetLayout",
                                      GLib.Variant("(iias)", (0, -1, [])), None, 0, 5000, None).unpack()
        found = []

        def walk(node):
            ident, props, children = node
            if "label" in props:
                found.append({"id": ident, "label": props["label"], "enabled": props.get("enabled", True)})
            for child in children:
                walk(child)
        walk(layout)
        return menu, found

    def icon_marked(conn):
        # Whether the icon the item shows carries the app's red dot in its top right corner (the
        # image file the indicator library was given, read back as pixels).
        name = item_prop(conn, "IconName")
        if not name.startswith("/"):
            name = os.path.join(item_prop(conn, "IconThemePath"), name + ".png")
        pixbuf = GdkPixbuf.Pixbuf.new_from_file(name)
        w, h = pixbuf.get_width(), pixbuf.get_height()
        x, y = int(w * 0.78) - 1, int(h * 0.22) + 1
        start = y * pixbuf.get_rowstride() + x * pixbuf.get_n_channels()
        r, g, b = pixbuf.get_pixels()[start:start + 3]
        return r > 200 and g < 110 and b < 110

    def on_call(conn, sender, _path, _iface, method, params, invocation):
        if method == "RegisterStatusNotifierItem":
            service = params.unpack()[0]
            path = service if service.startswith("/") else "/StatusNotifierItem"
            items.append((sender, path))
            invocation.return_value(None)
            GLib.idle_add(lambda: print(json.dumps({"registered": sender}), flush=True) and False)
        else:
            invocation.return_value(None)

    def on_get(_conn, _sender, _path, _iface, prop):
        return {"RegisteredStatusNotifierItems": GLib.Variant("as", [s for s, _ in items]),
                "IsStatusNotifierHostRegistered": GLib.Variant("b", True),
                "ProtocolVersion": GLib.Variant("i", 0)}[prop]

    def on_bus(conn, _name):
        conn.register_object("/StatusNotifierWatcher", Gio.DBusNodeInfo.new_for_xml(WATCHER_XML).interfaces[0],
                             on_call, on_get, None)

    def on_name(_conn, _name):
        print(json.dumps({"watching": True}), flush=True)

    def on_stdin(channel, _condition):
        line = channel.readline()
        if not line:
            loop.quit()
            return False
        command = line.strip().split(" ", 1)
        conn = bus()
        try:
            if command[0] == "menu":
                _menu, found = entries(conn)
                print(json.dumps({"label": item_prop(conn, "XAyatanaLabel"), "icon": item_prop(conn, "IconName"),
                                  "marked": icon_marked(conn), "entries": found}, ensure_ascii=False), flush=True)
            elif command[0] == "click":
                menu, found = entries(conn)
                exact = [e for e in found if e["label"] == command[1]]
                target = (exact or [e for e in found if e["label"].startswith(command[1])])[0]
                conn.call_sync(items[-1][0], menu, "com.canonical.dbusmenu", "Event",
                               GLib.Variant("(isvu)", (target["id"], "clicked", GLib.Variant("i", 0), 0)),
                               None, 0, 5000, None)
                print(json.dumps({"clicked": target["label"]}, ensure_ascii=False), flush=True)
        except Exception as e:  # the test reads the failure from the line
            print(json.dumps({"error": str(e)}, ensure_ascii=False), flush=True)
        return True

    Gio.bus_own_name(Gio.BusType.SESSION, "org.kde.StatusNotifierWatcher", 0, on_bus, on_name,
                     lambda *_: print(json.dumps({"error": "name lost"}), flush=True))
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.IO_IN | GLib.IO_HUP, on_stdin)
    GLib.timeout_add_seconds(600, loop.quit)
    loop.run()


# X11, through ctypes: no extra package.
class XClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", XClientMessage), ("pad", ctypes.c_long * 24)]


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
                ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
                ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p)]


x11 = ctypes.CDLL("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XInternAtom.restype = ctypes.c_ulong
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                           ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)), ctypes.POINTER(ctypes.c_uint)]
x11.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
                                   ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.POINTER(XEvent)]
x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]


def display():
    d = x11.XOpenDisplay(None)
    if not d:
        sys.exit("no X display")
    return ctypes.c_void_p(d)


def title_of(d, window):
    utf8 = x11.XInternAtom(d, b"UTF8_STRING", 0)
    name = x11.XInternAtom(d, b"_NET_WM_NAME", 0)
    kind, fmt, count, after, data = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    if x11.XGetWindowProperty(d, window, name, 0, 1024, 0, utf8, ctypes.byref(kind), ctypes.byref(fmt),
                              ctypes.byref(count), ctypes.byref(after), ctypes.byref(data)) != 0 or not data.value:
        return None
    text = ctypes.string_at(data.value, count.value).decode("utf-8", "replace")
    x11.XFree(data)
    return text


def find(d, title):
    """Every window whose _NET_WM_NAME is `title`, searched from the root."""
    found, todo = [], [x11.XDefaultRootWindow(d)]
    while todo:
        window = todo.pop()
        if title_of(d, window) == title:
            found.append(window)
        root, parent, children, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if x11.XQueryTree(d, window, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n)):
            todo.extend(children[i] for i in range(n.value))
            if children:
                x11.XFree(children)
    return found


def close_window(title):
    d = display()
    windows = find(d, title)
    if not windows:
        sys.exit(f"no window titled {title!r}")
    protocols = x11.XInternAtom(d, b"WM_PROTOCOLS", 0)
    delete = x11.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
    for window in windows:
        event = XEvent()
        event.xclient.type = 33  # ClientMessage
        event.xclient.window = window
        event.xclient.message_type = protocols
        event.xclient.format = 32
        event.xclient.data[0] = delete
        event.xclient.data[1] = 0  # CurrentTime
        x11.XSendEvent(d, window, 0, 0, ctypes.byref(event))
    x11.XFlush(d)


def viewable(title):
    d = display()
    states = []
    for window in find(d, title):
        attrs = XWindowAttributes()
        x11.XGetWindowAttributes(d, window, ctypes.byref(attrs))
        states.append(attrs.map_state)
    print("yes" if 2 in states else "no")  # IsViewable


SOURCE = """
import gi, sys
gi.require_version('Gtk', '3.0'); gi.require_version('Gdk', '3.0')
from gi.repository import Gtk, Gdk
uri = sys.argv[1]
w = Gtk.Window(title='bokseup-drag-source'); w.move(1190, 700); w.set_default_size(80, 80)
b = Gtk.Button(label='drag'); w.add(b)
b.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
b.drag_source_add_uri_targets()
b.connect('drag-data-get', lambda wid, ctx, data, info, t: data.set_uris([uri]))
b.connect('drag-end', lambda *a: (print('drag-end', flush=True), Gtk.main_quit()))
w.connect('map-event', lambda *a: print('mapped', flush=True))
w.show_all()
Gtk.main()
"""


def drop(uri, x, y):
    source = subprocess.Popen([sys.executable, "-c", SOURCE, uri], stdout=subprocess.PIPE, text=True)
    try:
        if source.stdout.readline().strip() != "mapped":
            sys.exit("the drag source did not appear")
        time.sleep(0.5)
        xt = ctypes.CDLL("libXtst.so.6")
        d = display()

        def move(px, py):
            xt.XTestFakeMotionEvent(d, -1, int(px), int(py), 0)
            x11.XFlush(d)
            time.sleep(0.05)

        def button(down):
            xt.XTestFakeButtonEvent(d, 1, down, 0)
            x11.XFlush(d)
            time.sleep(0.1)

        start = (1230, 740)
        move(*start)
        button(True)
        steps = 40
        for i in range(1, steps + 1):  # past the drag threshold, then onto the target in 10-30 px steps
            move(start[0] + (x - start[0]) * i / steps, start[1] + (y - start[1]) * i / steps)
        time.sleep(0.8)
        move(x + 2, y + 2)
        time.sleep(0.5)
        button(False)
        source.wait(timeout=10)
    finally:
        if source.poll() is None:
            source.kill()


def keys(*names):
    xt = ctypes.CDLL("libXtst.so.6")
    x11.XStringToKeysym.restype = ctypes.c_ulong
    x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
    x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    d = display()
    for name in names:
        code = x11.XKeysymToKeycode(d, x11.XStringToKeysym(name.encode()))
        if not code:
            sys.exit(f"no key for {name!r}")
        for down in (True, False):
            xt.XTestFakeKeyEvent(d, code, down, 0)
            x11.XFlush(d)
            time.sleep(0.05)
        time.sleep(0.3)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    {"notify-calls": notify_calls, "notify-act": notify_act, "tray-watcher": tray_watcher, "close-window": close_window,
     "file-manager-setup": file_manager_setup, "file-manager-calls": file_manager_calls, "launcher-signals": launcher_signals,
     "viewable": viewable, "keys": keys, "drop": lambda uri, x, y: drop(uri, int(x), int(y))}[command](*args)


if __name__ == "__main__":
    main()
