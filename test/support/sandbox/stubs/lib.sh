# shellcheck shell=sh disable=SC2034,SC2154 # a library: it sets globals for its users; st_get assigns through eval
# Shared code of the sandbox's stub tools (ifconfig, insmod, ifenslave, vconfig, mount, umount).
# Sourced by `#!/bin/busybox sh` scripts inside the sandbox tree, never on the host.
#
# Kernel-like state lives under /.stub, one small file per fact, so that both these stubs
# (with shell builtins only: no fork on the hot path) and the TypeScript side can read it:
#   /.stub/dialect                 nettools160 | busybox | nettools2
#   /.stub/trace                   one line per stub call: "tool arg arg ..."
#   /.stub/calls                   exact argv: fields split by \037, records ended by \036
#   /.stub/if/NAME/{kind,mac,perm_mac,up,ipv4,netmask,broadcast,master,mtu,
#                   mac_random,slaves,active,mode,params,vlan_id,parent}
#   /.stub/modules/NAME            module parameters, one per line; modules.order: load order
#   /.stub/available_modules       modules insmod can find; faults/*: injected faults
#   /.stub/proc_mounted, mounts    what mount(8) did; proc files are generated from the state
# An empty file means "not set".

S=/.stub
PATH=/bin:/sbin
IFS=' 	
'
umask 022
DIALECT=nettools160
[ -s "$S/dialect" ] && IFS= read -r DIALECT < "$S/dialect"
# Whatever a stub changed, /proc (when mounted) shows it when the stub exits.
trap proc_refresh EXIT

# stub_trace TOOL ARG...: record one call. Each record is one printf, so one append: the
# members of a pipeline (traced applets, see applet-trace.ts) log at the same time.
stub_trace() {
	_t=$1
	shift
	printf '%s\n' "$_t${1+ }$*" >> "$S/trace"
	_fmt=%s
	for _a in "$@"; do _fmt="$_fmt\\037%s"; done
	# shellcheck disable=SC2059 # the format holds only %s and escapes; the values are arguments
	printf "$_fmt\\036" "$_t" "$@" >> "$S/calls"
}

# kmsg TEXT: what the kernel would print on the console (printk), shown on stderr.
kmsg() { printf '%s\n' "$*" >&2; }

# valid_ifname NAME: refuse names that could escape $S/if.
valid_ifname() {
	case $1 in
	'' | . | .. | *[!A-Za-z0-9_.:+-]*) return 1 ;;
	esac
	return 0
}
if_exists() { valid_ifname "$1" && [ -d "$S/if/$1" ]; }

# st_get VAR IFACE KEY: VAR := value (empty when unset).
st_get() {
	eval "$1="
	if [ -s "$S/if/$2/$3" ]; then IFS= read -r "$1" < "$S/if/$2/$3"; fi
	return 0
}
st_set() { printf '%s\n' "$3" > "$S/if/$1/$2"; }
st_clear() { : > "$S/if/$1/$2"; }

# in_list FILE VALUE: is VALUE one of FILE's lines?
in_list() {
	[ -s "$1" ] || return 1
	while IFS= read -r _l || [ -n "$_l" ]; do
		[ "$_l" = "$2" ] && return 0
	done < "$1"
	return 1
}
# list_add FILE VALUE / list_del FILE VALUE
list_add() { printf '%s\n' "$2" >> "$1"; }
list_del() {
	_rest=
	if [ -s "$1" ]; then
		while IFS= read -r _l || [ -n "$_l" ]; do
			[ "$_l" = "$2" ] || _rest="$_rest$_l
"
		done < "$1"
	fi
	printf '%s' "$_rest" > "$1"
}

# ---- IPv4 and MAC parsing (no forks) ----

# ip_parse TEXT: IP_INT := address as an integer; fails on anything but a dotted quad.
ip_parse() {
	case $1 in
	*[!0-9.]* | .* | *. | *..*) return 1 ;;
	esac
	_o=$IFS
	IFS=.
	# shellcheck disable=SC2086
	set -- $1
	IFS=$_o
	[ $# -eq 4 ] || return 1
	IP_INT=0
	for _p in "$@"; do
		while :; do
			case $_p in 0?*) _p=${_p#0} ;; *) break ;; esac
		done
		[ ${#_p} -le 3 ] && [ "$_p" -le 255 ] || return 1
		IP_INT=$(((IP_INT << 8) | _p))
	done
	return 0
}
# ip_fmt INT: IP_TXT := dotted quad
ip_fmt() { IP_TXT="$((($1 >> 24) & 255)).$((($1 >> 16) & 255)).$((($1 >> 8) & 255)).$(($1 & 255))"; }

# mac_parse TEXT: MAC_TXT := XX:XX:XX:XX:XX:XX (upper case), O1..O6 := octets as 0xXX.
mac_parse() {
	case $1 in *[!0-9A-Fa-f:]* | :* | *: | *::*) return 1 ;; esac
	_o=$IFS
	IFS=:
	# shellcheck disable=SC2086
	set -- $1
	IFS=$_o
	[ $# -eq 6 ] || return 1
	MAC_TXT=
	_i=0
	for _p in "$@"; do
		case $_p in ? | ??) ;; *) return 1 ;; esac
		[ ${#_p} -eq 1 ] && _p=0$_p
		upper "$_p"
		_p=$UP_TXT
		_i=$((_i + 1))
		eval "O$_i=0x$_p"
		MAC_TXT="$MAC_TXT${MAC_TXT:+:}$_p"
	done
	return 0
}
upper() {
	_in=$1
	UP_TXT=
	while [ -n "$_in" ]; do
		_c=${_in%"${_in#?}"}
		_in=${_in#?}
		case $_c in a) _c=A ;; b) _c=B ;; c) _c=C ;; d) _c=D ;; e) _c=E ;; f) _c=F ;; esac
		UP_TXT=$UP_TXT$_c
	done
}
lower() {
	_in=$1
	LOW_TXT=
	while [ -n "$_in" ]; do
		_c=${_in%"${_in#?}"}
		_in=${_in#?}
		case $_c in A) _c=a ;; B) _c=b ;; C) _c=c ;; D) _c=d ;; E) _c=e ;; F) _c=f ;; esac
		LOW_TXT=$LOW_TXT$_c
	done
}

# ---- derived interface facts ----

# if_running NAME: IFF_RUNNING as dev_get_flags() reports it (up and carrier; a bond has
# carrier while one of its slaves is up).
if_running() {
	st_get _up "$1" up
	[ "$_up" = 1 ] || return 1
	st_get _kind "$1" kind
	[ "$_kind" = bond ] || return 0
	[ -s "$S/if/$1/slaves" ] || return 1
	while IFS= read -r _s || [ -n "$_s" ]; do
		st_get _sup "$_s" up
		[ "$_sup" = 1 ] && return 0
	done < "$S/if/$1/slaves"
	return 1
}

bond_mode_name() {
	case $1 in
	0) MODE_TXT='load balancing (round-robin)' ;;
	1) MODE_TXT='fault-tolerance (active-backup)' ;;
	2) MODE_TXT='load balancing (xor)' ;;
	3) MODE_TXT='fault-tolerance (broadcast)' ;;
	4) MODE_TXT='IEEE 802.3ad Dynamic link aggregation' ;;
	5) MODE_TXT='transmit load balancing' ;;
	6) MODE_TXT='adaptive load balancing' ;;
	*) MODE_TXT=unknown ;;
	esac
}

# module_param MODULE KEY: PARAM := value given to insmod (empty when not given).
module_param() {
	PARAM=
	[ -s "$S/modules/$1" ] || return 0
	while IFS= read -r _l || [ -n "$_l" ]; do
		case $_l in "$2="*) PARAM=${_l#*=} ;; esac
	done < "$S/modules/$1"
}

# ---- /proc, regenerated from the state after every change while proc is mounted ----

proc_refresh() {
	[ -s "$S/proc_mounted" ] || return 0
	[ -d /proc/net ] || mkdir -p /proc/net
	{
		printf 'Inter-|   Receive                                                |  Transmit\n'
		printf ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n'
		for _d in "$S"/if/*; do
			[ -d "$_d" ] || continue
			printf '%6s:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n' "${_d##*/}"
		done
	} > /proc/net/dev
	{
		if [ -s "$S/modules.order" ]; then
			while IFS= read -r _m || [ -n "$_m" ]; do
				printf '%s 16384 0 - Live 0x0000000000000000\n' "$_m"
			done < "$S/modules.order"
		fi
	} > /proc/modules
	{
		if [ -s "$S/mounts" ]; then
			while IFS='	' read -r _ty _src _tgt _opt || [ -n "$_ty" ]; do
				printf '%s %s %s %s 0 0\n' "$_src" "$_tgt" "$_ty" "${_opt:-rw,relatime}"
			done < "$S/mounts"
		fi
	} > /proc/mounts
	if [ -d "$S/modules" ] && [ -e "$S/modules/bonding" ]; then
		[ -d /proc/net/bonding ] || mkdir -p /proc/net/bonding
		for _d in "$S"/if/*; do
			[ -d "$_d" ] || continue
			_b=${_d##*/}
			st_get _kind "$_b" kind
			[ "$_kind" = bond ] || continue
			proc_bond "$_b" > "/proc/net/bonding/$_b"
		done
	fi
	if [ -e "$S/modules/8021q" ]; then
		[ -d /proc/net/vlan ] || mkdir -p /proc/net/vlan
		proc_vlans > /proc/net/vlan/config
	fi
}

# /proc/net/vlan/config as net/8021q/vlanproc.c prints it (vlan_seq_show).
proc_vlans() {
	printf 'VLAN Dev name\t | VLAN ID\nName-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD\n'
	for _d in "$S"/if/*; do
		[ -d "$_d" ] || continue
		st_get _kind "${_d##*/}" kind
		[ "$_kind" = vlan ] || continue
		st_get _vid "${_d##*/}" vlan_id
		st_get _par "${_d##*/}" parent
		printf '%-15s| %s  | %s\n' "${_d##*/}" "$_vid" "$_par"
	done
}

proc_bond() {
	st_get _mode "$1" mode
	bond_mode_name "${_mode:-0}"
	module_param bonding miimon
	_mii=${PARAM:-0}
	module_param bonding updelay
	_upd=${PARAM:-0}
	module_param bonding downdelay
	_dnd=${PARAM:-0}
	printf 'Ethernet Channel Bonding Driver: v6.1.0\n\n'
	printf 'Bonding Mode: %s\n' "$MODE_TXT"
	if [ "${_mode:-0}" = 1 ]; then
		st_get _act "$1" active
		printf 'Primary Slave: None\nCurrently Active Slave: %s\n' "${_act:-None}"
	fi
	if if_running "$1"; then _st=up; else _st=down; fi
	printf 'MII Status: %s\nMII Polling Interval (ms): %s\nUp Delay (ms): %s\nDown Delay (ms): %s\nPeer Notification Delay (ms): 0\n' \
		"$_st" "$_mii" "$_upd" "$_dnd"
	if [ -s "$S/if/$1/slaves" ]; then
		while IFS= read -r _s || [ -n "$_s" ]; do
			st_get _sup "$_s" up
			st_get _perm "$_s" perm_mac
			lower "$_perm"
			if [ "$_sup" = 1 ]; then _st=up; else _st=down; fi
			printf '\nSlave Interface: %s\nMII Status: %s\nSpeed: 1000 Mbps\nDuplex: full\nLink Failure Count: 0\nPermanent HW addr: %s\nSlave queue ID: 0\n' \
				"$_s" "$_st" "$LOW_TXT"
		done < "$S/if/$1/slaves"
	fi
}
