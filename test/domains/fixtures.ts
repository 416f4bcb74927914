/**
 * For every domain: values its consumer takes, and values it does not with the rule that says so
 * (the first rule broken, in the table's order). Real-world values where there are some.
 */
export const domainFixtures: Record<
  string,
  { readonly accepted: readonly string[]; readonly refused: readonly (readonly [string, string])[] }
> = {
  "interface-name": {
    accepted: ["eth0", "bond0", "enp0s31f6", "wlan0", "eth0.100", "br-lan", "a", "x".repeat(15), "vlan+1"],
    refused: [
      ["", "not empty"],
      ["averyveryverylongname0", "length"],
      ["x".repeat(16), "length"],
      [".", "not . or .."],
      ["..", "not . or .."],
      ["eth0:1", "no / or :"],
      ["a/b", "no / or :"],
      ["eth 0", "no whitespace"],
      ["eth%d", "no %"],
      ["ethé", "printable ASCII"],
    ],
  },
  "module-name": {
    accepted: ["bonding", "e1000e", "8021q", "nf_conntrack", "snd-hda-intel", "m".repeat(55)],
    refused: [
      ["", "not empty"],
      ["m".repeat(56), "length"],
      ["e1000+e", "letters, digits, _ and -"],
      ["bonding.ko", "letters, digits, _ and -"],
      ["/lib/modules/bonding.o", "letters, digits, _ and -"],
    ],
  },
  "vlan-id": {
    accepted: ["1", "100", "4094"],
    refused: [
      ["0100", "decimal"],
      ["0", "1 to 4094"],
      ["4095", "1 to 4094"],
      ["5000", "1 to 4094"],
    ],
  },
  "module-parameter-name": {
    accepted: ["mode", "miimon", "max_bonds", "arp-ip-target"],
    refused: [
      ["", "not empty"],
      ["a+b", "letters, digits, _ and -"],
      ["a.b", "letters, digits, _ and -"],
    ],
  },
  "module-parameter-value": {
    accepted: ["", "1", "active-backup", "10.0.0.1,10.0.0.2", "3000,3000", "$(x)", "a'b", "~x"],
    refused: [
      ["3000 3000", "no whitespace"],
      ["a\tb", "no whitespace"],
      ['say"hi"', "no double quote"],
      ["a\u0007", "printable ASCII"],
    ],
  },
  "nfs-server": {
    accepted: ["192.168.1.1", "10.0.2.2", "223.255.255.254"],
    refused: [
      ["0.0.0.0", "not 0.0.0.0"],
      ["255.255.255.255", "not 255.255.255.255"],
      ["224.0.0.1", "unicast"],
      ["127.0.0.1", "unicast"],
    ],
  },
  "node-name": {
    accepted: ["node2", "n1", "rack3-node-042", "A".repeat(63)],
    refused: [
      ["", "not empty"],
      ["A".repeat(64), "length"],
      ["node 2", "letters, digits and hyphens"],
      ["node_2", "letters, digits and hyphens"],
      ["node2.example", "letters, digits and hyphens"],
      ["-node2", "no hyphen at either end"],
      ["node2-", "no hyphen at either end"],
    ],
  },
  "nfs-path": {
    accepted: ["/srv/nfsroot/node5", "/tftpboot/%s", "/", "/srv/a:b", "/srv/$(x)", "/" + "a".repeat(1023)],
    refused: [
      ["", "not empty"],
      ["srv/nfsroot", "absolute"],
      ["/" + "a".repeat(1024), "length"],
      ["/srv/a,b", "no comma"],
      ["/srv/a b", "no whitespace"],
      ['/srv/"a"', "no double quote"],
      ["/srv/%d", "% only as one %s"],
      ["/srv/%s/%s", "% only as one %s"],
      ["/srv/a\\nb", "no backslash"],
      ["/srv/\u00e9", "printable ASCII"],
    ],
  },
  "nfs-options": {
    accepted: ["nfsvers=3,proto=tcp,nolock", "vers=3,tcp,port=2049,mountport=20048,nolock", "ro", "sec=sys"],
    refused: [
      ["", "not empty"],
      ["nfsvers=3, tcp", "no whitespace"],
      ["nfsvers=3,,tcp", "key[=value] items"],
      ["tcp,", "key[=value] items"],
      ["=3", "key[=value] items"],
      ["a.b=1", "key[=value] items"],
      ["nolock,addr=10.0.2.2", "no addr="],
      ['a="b"', "no double quote"],
      ["a=%d", "no %"],
      ["a=\\n", "no backslash"],
      ["a=\u00e9", "printable ASCII"],
    ],
  },
  "kernel-cmdline-token": {
    accepted: ["root=/dev/nfs", "nfsroot=10.0.2.2:/srv/node,vers=3", "console=ttyS0,115200n8", "quiet"],
    refused: [
      ["", "not empty"],
      ["x".repeat(256), "length"],
      ["init=/bin/sh -x", "no whitespace"],
      ['a="b"', "no double quote"],
      ["a\u0001", "printable ASCII"],
    ],
  },
  "pxelinux-field": {
    accepted: ["vmlinuz-2.4.37", "images/node/initrd.gz", "root=/dev/nfs"],
    refused: [
      ["", "not empty"],
      ["a".repeat(128), "length"],
      ["vmlinuz quiet", "no whitespace"],
      ["initrd.gz,extra.gz", "no comma"],
      ["\u00e9", "printable ASCII"],
    ],
  },
  "ipxe-word": {
    accepted: ["http://10.0.2.2/vmlinuz", "initrd.gz", "root=/dev/nfs"],
    refused: [
      ["", "not empty"],
      ["a b", "no whitespace"],
      ["${next-server}/vmlinuz", "no $"],
      ["a&&b", "no & or |"],
      ["\u00e9", "printable ASCII"],
    ],
  },
  "grub-word": {
    accepted: ["/boot/vmlinuz-4.19", "(hd0,1)/initrd.img", "console=ttyS0,115200"],
    refused: [
      ["", "not empty"],
      ["a b", "no whitespace"],
      ["${root}/vmlinuz", "no metacharacters"],
      ["a;b", "no metacharacters"],
      ["it's", "no quotes or backslash"],
      ["#x", "no leading #"],
      ["\u00e9", "printable ASCII"],
    ],
  },
  "bpbatch-string": {
    accepted: ["", "vmlinuz", "root=/dev/nfs nfsroot=10.0.2.2:/srv/node"],
    refused: [
      ['a"b', "no double quote"],
      ["\u00e9", "printable ASCII"],
    ],
  },
  "image-path": {
    accepted: ["/linuxrc", "/sbin/insmod", "/lib/modules/2.4.37/bonding.o"],
    refused: [
      ["linuxrc", "absolute"],
      ["/", "normal components"],
      ["/a//b", "normal components"],
      ["/a/../b", "normal components"],
      ["/a/./b", "normal components"],
      ["/" + "a".repeat(256), "component length"],
      ["/" + Array.from({ length: 20 }, () => "a".repeat(250)).join("/"), "length"],
      ["/a b", "no whitespace"],
      ["/\u00e9", "printable ASCII"],
    ],
  },
};
